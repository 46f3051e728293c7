// standalone.html: the card on the user's own file, a site typed or an area pasted; configured by
// the same query string as embed.html (?site=…&name=…, ?aoi=…, as-of, window-days, lang, theme, …).
import { applyQuery } from './riskcard.js';

const $ = (id) => document.getElementById(id);
const card = $('card');
const q = applyQuery(card, location.search);
if (q.has('lang')) document.documentElement.lang = q.get('lang');
$('as-of').value = card.getAttribute('as-of') ?? '';
$('window').value = card.getAttribute('window-days') ?? '';
if (card.hasAttribute('name')) $('site-name').value = card.getAttribute('name');
const site = (card.getAttribute('site') ?? '').split(',');
if (site.length === 3) ['site-lat', 'site-lon', 'site-r'].forEach((id, i) => ($(id).value = site[i].trim()));

/** Shows the card once it has data: a file chosen or dropped, or a src in the query. */
function show() {
  $('hint').hidden = true;
  card.hidden = false;
}
if (card.hasAttribute('src')) show();

function useFiles(files) {
  if (!files.length) return;
  card.incidents = files.length === 1 ? files[0] : [...files];
  $('data-msg').textContent = `Using ${[...files].map((f) => f.name).join(', ')}.`;
  show();
}
$('file').addEventListener('change', (e) => useFiles(e.target.files));
const drop = $('drop');
// The drop zone is a button: Enter or Space (or a click) opens the file chooser; files dropped on it work too.
drop.addEventListener('click', () => $('file').click());
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  useFiles(e.dataTransfer.files);
});

$('site-go').addEventListener('click', () => {
  card.aoi = null;
  // The card checks the numbers and says what is wrong with them.
  card.setAttribute('site', ['site-lat', 'site-lon', 'site-r'].map((id) => $(id).value.trim()).join(','));
  const name = $('site-name').value.trim();
  if (name) card.setAttribute('name', name);
  else card.removeAttribute('name');
});
$('aoi-go').addEventListener('click', () => {
  card.aoi = $('aoi-text').value; // the card reports invalid JSON or geometry itself
});
$('controls').addEventListener('submit', (e) => e.preventDefault());
$('as-of').addEventListener('change', (e) => (e.target.value ? card.setAttribute('as-of', e.target.value) : card.removeAttribute('as-of')));
$('window').addEventListener('change', (e) => (e.target.value ? card.setAttribute('window-days', e.target.value) : card.removeAttribute('window-days')));
