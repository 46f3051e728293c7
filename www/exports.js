// The data behind a card (loaded the first time a CSV or GeoJSON button is used): the engine's
// export of the incidents the report used, saved as a file named from the area and the as-of.

const TYPES = { csv: 'text/csv;charset=utf-8', geojson: 'application/geo+json' };

/** A file name from the area's name and the as-of: letters, digits and dashes only. */
export function fileName(name, asOf, ext) {
  const base = String(name || 'area').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'area';
  return `${base}-${asOf || ''}.${ext}`.replace('-.', '.');
}

/** The export's text as a Blob of its type. */
export const exportBlob = (text, format) => new Blob([text], { type: TYPES[format] ?? 'text/plain' });

/** Saves a Blob as a file (a download link clicked, then let go). */
export function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
