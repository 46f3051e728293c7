// The demo page: presets, the user's own site or area, and the user's own incident file.
import './riskcard.js';

const $ = (id) => document.getElementById(id);
const card = $('card');
const presets = await (await fetch(new URL('data/presets.json', import.meta.url))).json();

const groups = new Map();
for (const p of presets) {
  if (!groups.has(p.group)) groups.set(p.group, Object.assign(document.createElement('optgroup'), { label: p.group }));
  groups.get(p.group).append(new Option(p.label, p.id));
}
$('preset').append(...groups.values());

function showPreset(id) {
  const p = presets.find((x) => x.id === id) ?? presets[0];
  $('preset').value = p.id;
  $('preset-note').textContent = p.waypoints ? `Waypoints: ${p.waypoints.map((w) => `${w.name} (${w.lat.toFixed(3)}, ${w.lon.toFixed(3)})`).join(' → ')}` : '';
  card.aoi = p.aoi;
  history.replaceState(null, '', `#${p.id}`);
}
$('preset').addEventListener('change', (e) => showPreset(e.target.value));

$('site-go').addEventListener('click', () => {
  const [lat, lon, r] = ['site-lat', 'site-lon', 'site-r'].map((id) => parseFloat($(id).value));
  // Invalid numbers go to the engine as they are: the card shows the engine's message.
  card.aoi = { type: 'Feature', properties: { name: 'Your site', radius_km: r }, geometry: { type: 'Point', coordinates: [lon, lat] } };
});
$('aoi-go').addEventListener('click', () => {
  card.aoi = $('aoi-text').value; // the card reports invalid JSON or geometry itself
});

$('as-of').addEventListener('change', (e) => (e.target.value ? card.setAttribute('as-of', e.target.value) : card.removeAttribute('as-of')));
$('window').addEventListener('change', (e) => card.setAttribute('window-days', e.target.value));

function useData(bytesOrText, label) {
  card.incidents = bytesOrText;
  $('data-msg').textContent = `Using ${label}.`;
}
function useFile(file) {
  useData(file, file.name);
}
$('file').addEventListener('change', (e) => e.target.files[0] && useFile(e.target.files[0]));
const drop = $('drop');
// The drop zone is a button: Enter or Space (or a click) opens the file chooser; a file dropped on it works too.
drop.addEventListener('click', () => $('file').click());
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files[0]) useFile(e.dataTransfer.files[0]);
});
$('data-go').addEventListener('click', () => useData($('data-text').value, 'pasted data'));
$('data-reset').addEventListener('click', () => {
  card.incidents = undefined;
  $('data-msg').textContent = 'Using the UCDP data.';
});

showPreset(location.hash.slice(1) || 'morila');
