// Labels in English and French (the working languages of the Sahel operations the card serves), and
// every message (the engine's and the shell's) made in the card's language from its code and parameters.
import { SHELL_MESSAGES, PREFIX } from './messages.js';
import { ENGINE_MESSAGES } from './messages.en.js';
import { FR_MESSAGES, FR_PREFIX } from './messages.fr.js';

const en = {
  loading: 'Loading incidents…', assessing: 'Assessing…', noAoi: 'No area of interest: set the aoi or site attribute.',
  noData: 'No incident data: set the src attribute or the incidents property.', error: 'Cannot show the risk card', errorFor: 'Cannot show the risk card for {area}', areas: '{n} areas',
  score: 'Proximity score', inArea: ['incident in the area', 'incidents in the area'], fatalities: 'fatalities', fatalitiesN: ['fatality', 'fatalities'], withinInfluence: 'within {km} km',
  window: 'last {days} days to {date}', trend: 'Trend', scoreHistory: 'score', weekly: 'incidents per week', monthly: 'incidents per month',
  nearest: 'Nearest incidents', drivers: 'What drives the score', route: 'Route', notes: 'Notes', actors: 'Actors',
  killed: '{n} killed', pts: '{n} pts', rowsSkipped: '{n} rows skipped', details: 'details', rowsLoaded: '{n} incidents loaded',
  line: 'line', none: 'No incident within {km} km in the window.', portfolio: 'Portfolio, ranked by score', km: 'km',
  change: { large_increase: 'Large increase', moderate_increase: 'Moderate increase', limited_change: 'Limited change', large_decrease: 'Large decrease', insufficient_history: 'Too little history' },
  changeDetail: 'last {recent} days vs {weeks}-week baseline',
  lowBaseline: ['low baseline: {recent} incident in the last {days} days', 'low baseline: {recent} incidents in the last {days} days'],
  bands: { minimal: 'Minimal', low: 'Low', moderate: 'Moderate', high: 'High', severe: 'Severe' },
  verdicts: { go: 'Go', caution: 'Caution', 'no-go': 'No-go' },
  kinds: { site: 'Site', zone: 'Zone', corridor: 'Corridor' },
  categories: { battle: 'Battle', explosion_ied: 'Explosion / IED', violence_against_civilians: 'Violence against civilians', abduction: 'Abduction', looting_property_destruction: 'Looting / destruction', riot: 'Riot', protest: 'Protest', strategic: 'Strategic development', other: 'Other' },
  compass: {},
  mapLabel: 'Map of the area: {n} incidents, coloured by category.', madeWith: 'Country outlines: Made with Natural Earth', incidentData: 'Incident data: {sources}',
  warnings: 'Warnings', noScore: 'No score: nothing to score', noScoreShort: 'no score', noVerdict: 'No verdict', noTrend: 'No change to tell: nothing to score',
  dataTo: 'Data to {date}', daysBefore: '{n} days before today', dayBefore: '1 day before today', todayToo: 'today',
  perArea: 'incidents per 1,000 km²',
  fullText: 'Show all ({n} characters)', fullTextLabel: 'The whole text', asTable: 'The data as a table',
  announce: 'Score {score}, {band}, {name}', announceNone: 'No score: nothing to score, {name}',
  trendSummary: '{count} incidents ({killed} killed) in the {n} {unit} from {from} to {date}.', trendScores: 'The score went from {first} to {last} ({band}).',
  trendEmpty: 'No trend: no weeks to show.', unitWeeks: 'weeks', unitMonths: 'months',
  trendTable: 'Incidents per week and the score at the end of each', trendTableMonths: 'Incidents per month and the score at the end of each',
  colWeek: 'Week from', colMonth: 'Month from', colIncidents: 'Incidents', colKilled: 'Killed', colScore: 'Score', colStretch: 'Stretch (km)',
  colRank: 'Rank', colArea: 'Area', colScoreBand: 'Score and band',
  mapPinned: 'Map of the area: {n} incidents, coloured by category; the numbered marks 1–{k} are the nearest incidents, listed under Nearest incidents.',
  routeSummary: 'The route in {n} stretches of {km} km; the worst is km {from}–{to}, score {score} ({band}).',
  routeSummaryClear: 'The route in {n} stretches of {km} km, none with an incident near it.',
  routeTable: 'The route\'s stretches', langFallback: 'lang="{lang}" is not a language riskcard is written in (en, fr): the card is in English',
  approach: 'Is it coming closer?', inTheArea: 'in the area', comesFrom: 'From', approachTable: 'Incidents by distance from the area, per week or month, and the nearest',
  colNearest: 'Nearest', whoTitle: 'Who is behind it, what it is aimed at', incidentsN: '{n} incidents', incidentOne: '1 incident', aimedAt: 'Aimed at', noTags: 'no target named in the notes',
  families: { jnim: 'JNIM', is_sahel: 'IS Sahel', lake_chad: 'IS West Africa / Boko Haram', state_mali: "Mali's forces", state_burkina_faso: "Burkina Faso's forces",
    state_niger: "Niger's forces", state_other: 'Other states\' forces', foreign_forces: 'Foreign forces (Wagner, Africa Corps …)', militia: 'Militias (VDP, Dozo …)',
    separatists: 'Separatists (FLA, CMA …)', unidentified: 'Unidentified armed groups', civilians: 'Civilians', other: 'Others' },
  tagNames: { mine: 'mines', convoy: 'vehicles and convoys', checkpoint: 'checkpoints and extortion', kidnap_foreigners: 'kidnapping of foreigners', ied_road: 'IEDs on roads', blockade: 'blockades' },
  sinceLook: 'Since your last look ({date}): {n} new incidents within {km} km, {inArea} in the area; score {then} → {now}',
  journeys: 'Alternative routes', journeyCaption: 'Journey {journey}, safest first', colRoute: 'Route', colLength: 'Length', colWorst: 'Worst stretch', colVerdict: 'Verdict', colTags: 'Aimed at',
  alertBand: 'The band rose: {from} → {to}', alertNew: '{n} new incidents in the area',
  publicView: 'Derived figures only: the incidents\' notes, actors, sources and exact places are not shown.',
  actions: 'Take this card away', briefBtn: 'Brief', briefName: 'Brief (printable, A4)', pictureBtn: 'Picture', pictureName: 'Picture (PNG, 1080 px wide)', csvBtn: 'CSV', csvName: 'Incidents used, as CSV', geojsonBtn: 'GeoJSON', geojsonName: 'Incidents used, as GeoJSON', popupBlocked: 'The brief could not open in a new window: ', downloadBrief: 'download it', routeNote: 'The line joins the route\'s waypoints; it is not a road map.',
};
const fr = {
  loading: 'Chargement des incidents…', assessing: 'Évaluation…', noAoi: "Pas de zone d'intérêt : renseignez l'attribut aoi ou site.",
  noData: "Pas de données d'incidents : renseignez l'attribut src ou la propriété incidents.", error: "Impossible d'afficher la fiche de risque", errorFor: "Impossible d'afficher la fiche de risque pour {area}", areas: '{n} zones',
  score: 'Score de proximité', inArea: ['incident dans la zone', 'incidents dans la zone'], fatalities: 'morts', fatalitiesN: ['mort', 'morts'], withinInfluence: 'à moins de {km} km',
  window: '{days} derniers jours au {date}', trend: 'Tendance', scoreHistory: 'score', weekly: 'incidents par semaine', monthly: 'incidents par mois',
  nearest: 'Incidents les plus proches', drivers: 'Ce qui fait le score', route: 'Itinéraire', notes: 'Notes', actors: 'Acteurs',
  killed: '{n} tués', pts: '{n} pts', rowsSkipped: '{n} lignes ignorées', details: 'détails', rowsLoaded: '{n} incidents chargés',
  line: 'ligne', none: 'Aucun incident à moins de {km} km dans la période.', portfolio: 'Portefeuille, classé par score', km: 'km',
  change: { large_increase: 'Forte hausse', moderate_increase: 'Hausse modérée', limited_change: 'Peu de changement', large_decrease: 'Forte baisse', insufficient_history: 'Historique insuffisant' },
  changeDetail: '{recent} derniers jours vs référence de {weeks} semaines',
  lowBaseline: ['activité de référence faible : {recent} incident en {days} jours', 'activité de référence faible : {recent} incidents en {days} jours'],
  bands: { minimal: 'Minimal', low: 'Faible', moderate: 'Modéré', high: 'Élevé', severe: 'Sévère' },
  verdicts: { go: 'Praticable', caution: 'Prudence', 'no-go': 'Déconseillé' },
  kinds: { site: 'Site', zone: 'Zone', corridor: 'Corridor' },
  categories: { battle: 'Combat', explosion_ied: 'Explosion / EEI', violence_against_civilians: 'Violence contre des civils', abduction: 'Enlèvement', looting_property_destruction: 'Pillage / destruction', riot: 'Émeute', protest: 'Manifestation', strategic: 'Développement stratégique', other: 'Autre' },
  compass: { W: 'O', WNW: 'ONO', WSW: 'OSO', NW: 'NO', SW: 'SO', NNW: 'NNO', SSW: 'SSO' },
  mapLabel: 'Carte de la zone : {n} incidents, colorés par catégorie.', madeWith: 'Contours des pays : Made with Natural Earth', incidentData: 'Données d\u2019incidents : {sources}',
  warnings: 'Avertissements', noScore: 'Pas de score : rien à évaluer', noScoreShort: 'pas de score', noVerdict: 'Pas de verdict', noTrend: 'Aucune évolution à dire : rien à évaluer',
  dataTo: "Données jusqu'au {date}", daysBefore: "{n} jours avant aujourd'hui", dayBefore: "1 jour avant aujourd'hui", todayToo: "aujourd'hui",
  perArea: 'incidents pour 1 000 km²',
  fullText: 'Tout afficher ({n} caractères)', fullTextLabel: 'Le texte entier', asTable: 'Les données en tableau',
  announce: 'Score {score}, {band}, {name}', announceNone: 'Pas de score : rien à évaluer, {name}',
  trendSummary: '{count} incidents ({killed} tués) sur les {n} {unit} du {from} au {date}.', trendScores: 'Le score est passé de {first} à {last} ({band}).',
  trendEmpty: 'Pas de tendance : aucune semaine à montrer.', unitWeeks: 'semaines', unitMonths: 'mois',
  trendTable: 'Incidents par semaine et score à la fin de chacune', trendTableMonths: 'Incidents par mois et score à la fin de chacun',
  colWeek: 'Semaine du', colMonth: 'Mois du', colIncidents: 'Incidents', colKilled: 'Tués', colScore: 'Score', colStretch: 'Tronçon (km)',
  colRank: 'Rang', colArea: 'Zone', colScoreBand: 'Score et niveau',
  mapPinned: 'Carte de la zone : {n} incidents, colorés par catégorie ; les repères numérotés 1 à {k} sont les incidents les plus proches, listés sous Incidents les plus proches.',
  routeSummary: "L'itinéraire en {n} tronçons de {km} km ; le pire est km {from}–{to}, score {score} ({band}).",
  routeSummaryClear: "L'itinéraire en {n} tronçons de {km} km, aucun avec un incident à proximité.",
  routeTable: "Les tronçons de l'itinéraire", langFallback: "lang=\"{lang}\" n'est pas une langue de riskcard (en, fr) : la fiche est en anglais",
  approach: 'Cela se rapproche-t-il ?', inTheArea: 'dans la zone', comesFrom: 'Provenance', approachTable: 'Incidents par distance à la zone, par semaine ou par mois, et le plus proche',
  colNearest: 'Le plus proche', whoTitle: 'Qui est derrière, ce qui est visé', incidentsN: '{n} incidents', incidentOne: '1 incident', aimedAt: 'Cibles', noTags: 'aucune cible nommée dans les notes',
  families: { jnim: 'JNIM', is_sahel: 'EI Sahel', lake_chad: 'EI Afrique de l\u2019Ouest / Boko Haram', state_mali: 'Forces maliennes', state_burkina_faso: 'Forces burkinabè',
    state_niger: 'Forces nigériennes', state_other: 'Forces d\u2019autres États', foreign_forces: 'Forces étrangères (Wagner, Africa Corps …)', militia: 'Milices (VDP, Dozo …)',
    separatists: 'Séparatistes (FLA, CMA …)', unidentified: 'Groupes armés non identifiés', civilians: 'Civils', other: 'Autres' },
  tagNames: { mine: 'mines', convoy: 'véhicules et convois', checkpoint: 'barrages et racket', kidnap_foreigners: 'enlèvements d\u2019étrangers', ied_road: 'EEI sur les routes', blockade: 'blocus' },
  sinceLook: 'Depuis votre dernière consultation ({date}) : {n} nouveaux incidents à moins de {km} km, {inArea} dans la zone ; score {then} → {now}',
  journeys: 'Itinéraires possibles', journeyCaption: 'Trajet {journey}, le plus sûr en premier', colRoute: 'Itinéraire', colLength: 'Longueur', colWorst: 'Pire tronçon', colVerdict: 'Verdict', colTags: 'Cibles',
  alertBand: 'Le niveau a monté : {from} → {to}', alertNew: '{n} nouveaux incidents dans la zone',
  publicView: 'Chiffres dérivés seulement : les notes, acteurs, sources et lieux exacts des incidents ne sont pas montrés.',
  actions: 'Emporter cette fiche', briefBtn: 'Note', briefName: 'Note imprimable (A4)', pictureBtn: 'Image', pictureName: 'Image (PNG, 1080 px de large)', csvBtn: 'CSV', csvName: 'Incidents utilisés, en CSV', geojsonBtn: 'GeoJSON', geojsonName: 'Incidents utilisés, en GeoJSON', popupBlocked: 'La note n\'a pas pu s\'ouvrir dans une nouvelle fenêtre : ', downloadBrief: 'la télécharger', routeNote: 'La ligne relie les points de passage de l\'itinéraire ; ce n\'est pas une carte routière.',
};
en.lang = 'en';
fr.lang = 'fr';
const tables = { en, fr };
/** The languages the card is written in. */
export const LANGUAGES = Object.keys(tables);
/** Messages other than English (English is the engine's own, in messages.en.js, and the shell's). */
const MESSAGES = { fr: [FR_MESSAGES, FR_PREFIX] };

/** Labels for a language tag ('fr', 'fr-ML', …); English otherwise. `L.lang` is the language they
 * are in (the card marks its content with it). */
export function labels(lang) {
  return tables[primary(lang)] ?? en;
}

/** A language tag's primary subtag, lower case ('fr-ML' → 'fr'). */
const primary = (tag) => String(tag ?? '').trim().split(/[-_]/)[0].toLowerCase();

/** Whether the card is written in a tag's language (an empty tag: no language asked for). */
export const supported = (tag) => !primary(tag) || primary(tag) in tables;

/** A label for a count: `[one, other]` chosen by the language's plural rule for `n` (English "1
 * incident", "0 incidents"; French "0 incident", "2 incidents"); a plain label as it is. */
export function plural(L, n, label) {
  if (!Array.isArray(label)) return label;
  return label[new Intl.PluralRules(L?.lang ?? 'en').select(n) === 'one' ? 0 : 1];
}

/** Replaces {name} placeholders. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));
}

/** Today's date on the browser's clock, in its time zone, YYYY-MM-DD (the core reads no clock). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}


/** A number as the engine writes it in messages (src/text/number.rs `fmt_num`): at most six
 * decimals, trailing zeros dropped, integers without a fraction. */
export function fmtNum(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Math.abs(x) >= 1e15) {
    const e = Math.floor(Math.log10(Math.abs(x)));
    return `${x < 0 ? '-' : ''}${fmtNum(Math.abs(x) / 10 ** e)}e${e}`;
  }
  const scaled = Math.round(Math.abs(x) * 1e6);
  const int = Math.floor(scaled / 1e6), frac = scaled - int * 1e6;
  const sign = x < 0 && scaled > 0 ? '-' : '';
  return frac === 0 ? `${sign}${int}` : `${sign}${int}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

/** The shape of a message (its English template, and its index among its code's shapes), or null for
 * a code this card does not know (a newer engine's). A code with two shapes (a warning and the skipped
 * rows it counts) is told apart by its parameters' names. */
function shapeOf(code, params) {
  const shapes = ENGINE_MESSAGES[code];
  if (shapes) {
    const keys = Object.keys(params ?? {});
    const i = shapes.findIndex(([names]) => names.length === keys.length && names.every((n) => keys.includes(n)));
    return i < 0 ? (shapes.length === 1 ? { i: 0, template: shapes[0][1] } : null) : { i, template: shapes[i][1] };
  }
  const shell = SHELL_MESSAGES[code];
  return shell ? { i: 0, template: shell[1] } : null;
}

/** Whether the card can make this message from its code (otherwise it shows the engine's English). */
export const knows = (m) => !!(m?.code && shapeOf(m.code, m.params));

/** A message's parts in `L`'s language: strings, and each text parameter passed through `wrap` (the
 * card isolates text from data in a <bdi>). Numbers as the engine writes them; a band key (`band`,
 * `*_band`) as the band's name; a nested message made the same way. An unknown code: the English
 * `message` (or a skipped row's `reason`) the engine gave. */
export function compose(m, L, wrap = (t) => t) {
  if (m === null || typeof m !== 'object') return [String(m ?? '')];
  const shape = m.code ? shapeOf(m.code, m.params) : null;
  if (!shape) return [String(m.message ?? m.reason ?? '')];
  const own = MESSAGES[L?.lang]?.[0][m.code];
  const template = (Array.isArray(own) ? own[shape.i] : own) ?? shape.template;
  const out = [];
  let rest = template;
  for (let at = rest.indexOf('{'); at >= 0; at = rest.indexOf('{')) {
    const end = rest.indexOf('}', at);
    const name = end < 0 ? null : rest.slice(at + 1, end);
    if (name === null || !Object.hasOwn(m.params ?? {}, name)) {
      out.push(rest.slice(0, at + 1));
      rest = rest.slice(at + 1);
      continue;
    }
    out.push(rest.slice(0, at));
    const v = m.params[name];
    if (v !== null && typeof v === 'object') out.push(...compose(v, L, wrap));
    else if (typeof v === 'number') out.push(fmtNum(v));
    else if (name === 'band' || name.endsWith('_band')) out.push(String((L?.bands ?? en.bands)[v] ?? v).toLowerCase());
    else out.push(wrap(String(v ?? '')));
    rest = rest.slice(end + 1);
  }
  out.push(rest);
  return out.filter((p) => p !== '');
}

/** A message ({code, params, message}: a warning, a skipped row's reason, an error, the route
 * verdict's reason) as text in `L`'s language. */
export function say(m, L) {
  return compose(m, L).join('');
}

/** An error's parts in `L`'s language: its kind's prefix and its message (text parameters through
 * `wrap`); an error without a code the card knows, its own message. */
export function errorParts(e, L, wrap) {
  if (!knows(e)) return [String(e?.message ?? e)];
  return [(MESSAGES[L?.lang]?.[1] ?? PREFIX)[e.kind] ?? '', ...compose(e, L, wrap)].filter((p) => p !== '');
}

/** An error's text in `L`'s language. */
export function errorText(e, L) {
  return errorParts(e, L).join('');
}
