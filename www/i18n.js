// Labels in English and French (the working languages of the Sahel operations the card serves), and
// every message (the engine's and the shell's) made in the card's language from its code and parameters.
import { SHELL_MESSAGES, PREFIX } from './messages.js';

const en = {
  loading: 'Loading incidents…', assessing: 'Assessing…', noAoi: 'No area of interest: set the aoi or site attribute.',
  noData: 'No incident data: set the src attribute or the incidents property.', error: 'Cannot show the risk card', errorFor: 'Cannot show the risk card for {area}', areas: '{n} areas',
  score: 'Proximity score', inArea: 'incidents in the area', fatalities: 'fatalities', withinInfluence: 'within {km} km',
  window: 'last {days} days to {date}', trend: 'Trend', scoreHistory: 'score', weekly: 'incidents per week', monthly: 'incidents per month',
  nearest: 'Nearest incidents', drivers: 'What drives the score', route: 'Route', notes: 'Notes', actors: 'Actors',
  killed: '{n} killed', pts: '{n} pts', rowsSkipped: '{n} rows skipped', details: 'details', rowsLoaded: '{n} incidents loaded',
  line: 'line', none: 'No incident within {km} km in the window.', portfolio: 'Portfolio, ranked by score', km: 'km',
  change: { large_increase: 'Large increase', moderate_increase: 'Moderate increase', limited_change: 'Limited change', large_decrease: 'Large decrease', insufficient_history: 'Too little history' },
  changeDetail: 'last {recent} days vs {weeks}-week baseline',
  lowBaseline: 'low baseline: {recent} incidents in the last {days} days',
  bands: { minimal: 'Minimal', low: 'Low', moderate: 'Moderate', high: 'High', severe: 'Severe' },
  verdicts: { go: 'Go', caution: 'Caution', 'no-go': 'No-go' },
  reason: {
    none: 'no incident within the influence distance of the route in the window', stretch: 'km {from}–{to} scores {score} ({band})',
    worst: 'worst stretch: {stretch}, {cmp} {threshold}', whole: 'the whole route scores {score} ({band}), {cmp} {threshold}; worst stretch: {stretch}',
    atOrAbove: 'at or above', below: 'below',
  },
  kinds: { site: 'Site', zone: 'Zone', corridor: 'Corridor' },
  categories: { battle: 'Battle', explosion_ied: 'Explosion / IED', violence_against_civilians: 'Violence against civilians', abduction: 'Abduction', looting_property_destruction: 'Looting / destruction', riot: 'Riot', protest: 'Protest', strategic: 'Strategic development', other: 'Other' },
  compass: {},
  mapLabel: 'Map of the area and incidents', madeWith: 'Country outlines: Made with Natural Earth',
  warnings: 'Warnings', noScore: 'No score: nothing to score', noScoreShort: 'no score', noVerdict: 'No verdict', noTrend: 'No change to tell: nothing to score',
  dataTo: 'Data to {date}', daysBefore: '{n} days before today', dayBefore: '1 day before today', todayToo: 'today',
  perArea: 'incidents per 1,000 km²',
  publicView: 'Derived figures only: the incidents\' notes, actors, sources and exact places are not shown.',
};
const fr = {
  loading: 'Chargement des incidents…', assessing: 'Évaluation…', noAoi: "Pas de zone d'intérêt : renseignez l'attribut aoi ou site.",
  noData: "Pas de données d'incidents : renseignez l'attribut src ou la propriété incidents.", error: "Impossible d'afficher la fiche de risque", errorFor: "Impossible d'afficher la fiche de risque pour {area}", areas: '{n} zones',
  score: 'Score de proximité', inArea: 'incidents dans la zone', fatalities: 'morts', withinInfluence: 'à moins de {km} km',
  window: '{days} derniers jours au {date}', trend: 'Tendance', scoreHistory: 'score', weekly: 'incidents par semaine', monthly: 'incidents par mois',
  nearest: 'Incidents les plus proches', drivers: 'Ce qui fait le score', route: 'Itinéraire', notes: 'Notes', actors: 'Acteurs',
  killed: '{n} tués', pts: '{n} pts', rowsSkipped: '{n} lignes ignorées', details: 'détails', rowsLoaded: '{n} incidents chargés',
  line: 'ligne', none: 'Aucun incident à moins de {km} km dans la période.', portfolio: 'Portefeuille, classé par score', km: 'km',
  change: { large_increase: 'Forte hausse', moderate_increase: 'Hausse modérée', limited_change: 'Peu de changement', large_decrease: 'Forte baisse', insufficient_history: 'Historique insuffisant' },
  changeDetail: '{recent} derniers jours vs référence de {weeks} semaines',
  lowBaseline: 'activité de référence faible : {recent} incidents en {days} jours',
  bands: { minimal: 'Minimal', low: 'Faible', moderate: 'Modéré', high: 'Élevé', severe: 'Sévère' },
  verdicts: { go: 'Praticable', caution: 'Prudence', 'no-go': 'Déconseillé' },
  reason: {
    none: "aucun incident à distance d'influence de l'itinéraire dans la période", stretch: 'km {from}–{to} : score {score} ({band})',
    worst: 'pire tronçon : {stretch}, {cmp} {threshold}', whole: "l'itinéraire entier : score {score} ({band}), {cmp} {threshold} ; pire tronçon : {stretch}",
    atOrAbove: 'seuil atteint :', below: 'sous le seuil de',
  },
  kinds: { site: 'Site', zone: 'Zone', corridor: 'Corridor' },
  categories: { battle: 'Combat', explosion_ied: 'Explosion / EEI', violence_against_civilians: 'Violence contre des civils', abduction: 'Enlèvement', looting_property_destruction: 'Pillage / destruction', riot: 'Émeute', protest: 'Manifestation', strategic: 'Développement stratégique', other: 'Autre' },
  compass: { W: 'O', WNW: 'ONO', WSW: 'OSO', NW: 'NO', SW: 'SO', NNW: 'NNO', SSW: 'SSO' },
  mapLabel: 'Carte de la zone et des incidents', madeWith: 'Contours des pays : Made with Natural Earth',
  warnings: 'Avertissements', noScore: 'Pas de score : rien à évaluer', noScoreShort: 'pas de score', noVerdict: 'Pas de verdict', noTrend: 'Aucune évolution à dire : rien à évaluer',
  dataTo: "Données jusqu'au {date}", daysBefore: "{n} jours avant aujourd'hui", dayBefore: "1 jour avant aujourd'hui", todayToo: "aujourd'hui",
  perArea: 'incidents pour 1 000 km²',
  publicView: 'Chiffres dérivés seulement : les notes, acteurs, sources et lieux exacts des incidents ne sont pas montrés.',
};
const tables = { en, fr };

/** Labels for a language tag ('fr', 'fr-ML', …); English otherwise. */
export function labels(lang) {
  return tables[(lang || '').slice(0, 2).toLowerCase()] ?? en;
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

/** A message ({code, params, message}: an engine's warning, a skipped row's reason, an error) in
 * the card's language. */
export function say(m, L) {
  const shell = SHELL_MESSAGES[m?.code];
  if (shell) return fill(shell[1], m.params ?? {});
  return String(m?.message ?? m?.reason ?? '');
}

/** An error's text in the card's language: its kind's prefix and its message. */
export function errorText(e, L) {
  if (!SHELL_MESSAGES[e?.code]) return String(e?.message ?? e);
  return (PREFIX[e.kind] ?? '') + say(e, L);
}
