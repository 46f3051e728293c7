// Types for riskcard: the <risk-card> element, the engine API and the report contract.
// (For www/riskcard.js and for dist/riskcard.js; the classic script, dist/riskcard.classic.js, is
// the same API on `window.riskcard`.) The report's fields are the JSON contract of src/report.rs.

// ---------------------------------------------------------------------------------------------
// Keys

/** Score bands: minimal < 10 ≤ low < 25 ≤ moderate < 50 ≤ high < 75 ≤ severe. */
export type Band = 'minimal' | 'low' | 'moderate' | 'high' | 'severe';
export type Category =
  | 'battle' | 'explosion_ied' | 'violence_against_civilians' | 'abduction' | 'looting_property_destruction'
  | 'riot' | 'protest' | 'strategic' | 'other';
export type ChangeBand = 'large_increase' | 'moderate_increase' | 'limited_change' | 'large_decrease' | 'insufficient_history';
export type Verdict = 'go' | 'caution' | 'no-go';
export type AoiKind = 'site' | 'zone' | 'corridor';
export type Compass = 'N' | 'NNE' | 'NE' | 'ENE' | 'E' | 'ESE' | 'SE' | 'SSE' | 'S' | 'SSW' | 'SW' | 'WSW' | 'W' | 'WNW' | 'NW' | 'NNW';
/** An incident format; `auto` (the default) detects it from the content. */
export type Format = 'auto' | 'acled' | 'ucdp' | 'csv' | 'geojson' | 'json';
/** What an error was about; also what its English message starts with (docs/MESSAGES.md). */
export type ErrorKind = 'aoi' | 'data' | 'options' | 'usage' | 'fetch' | 'engine';

// ---------------------------------------------------------------------------------------------
// Messages (docs/MESSAGES.md lists every code with its parameters)

/** A message's parameters: numbers, texts, or messages of their own (`problem`, `detail`, `cause`). */
export interface MessageParams {
  [name: string]: number | string | boolean | null | Message | MessageParams;
}
/** A message: a stable code, its parameters, and its English text. */
export interface Message {
  code: string;
  message: string;
  params: MessageParams;
}
/** Something worth knowing that did not stop a load or a report. */
export type Warning = Message;

/** The errors the engine and the card throw: `Error`s with the message's code, parameters and kind. */
export interface RiskError extends Error {
  code?: string;
  params?: MessageParams;
  kind?: ErrorKind;
}

// ---------------------------------------------------------------------------------------------
// Areas of interest (GeoJSON, RFC 7946: [longitude, latitude])

export type Position = [lon: number, lat: number] | [lon: number, lat: number, alt: number];
export interface PointGeometry { type: 'Point'; coordinates: Position }
export interface PolygonGeometry { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygonGeometry { type: 'MultiPolygon'; coordinates: Position[][][] }
export interface LineStringGeometry { type: 'LineString'; coordinates: Position[] }
export interface MultiLineStringGeometry { type: 'MultiLineString'; coordinates: Position[][] }
export type AreaGeometry = PointGeometry | PolygonGeometry | MultiPolygonGeometry | LineStringGeometry | MultiLineStringGeometry;

/** A site (Point, `radius_km` 0–1000), a zone (Polygon / MultiPolygon) or a corridor (LineString /
 * MultiLineString, `buffer_km` 0–200). `name` is shown when present. */
export interface AreaFeature<G extends AreaGeometry = AreaGeometry> {
  type: 'Feature';
  geometry: G;
  properties?: { name?: string; radius_km?: number; buffer_km?: number; [key: string]: unknown } | null;
  id?: string | number;
}
/** A portfolio: its report is an array ranked by score. */
export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}
export type Area = AreaGeometry | AreaFeature | AreaCollection;

// ---------------------------------------------------------------------------------------------
// Loads

/** Incident data: bytes, text, a Blob/File, or parsed JSON (a GeoJSON FeatureCollection, an array of
 * rows, the ACLED or UCDP API's response as `response.json()` gives it). */
export type IncidentData = Uint8Array | ArrayBuffer | string | Blob | readonly unknown[] | Record<string, unknown>;

export interface LoadOptions {
  format?: Format;
  /** `id` (default): a later version of an id replaces the earlier one; `content`: an earlier load's
   * event found again under another id (same day, category, fatalities, within 100 m) is removed. */
  dedupe?: 'id' | 'content';
  /** Labels the load's row errors (a file name). */
  name?: string;
  /** Bytes read so far, of the total (the total is the bytes read when unknown). */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}
export interface StreamOptions extends LoadOptions {
  /** The input's size in bytes, if known (a Response gives its Content-Length). */
  total?: number;
  /** Stops the load: it rejects with an AbortError, and the rows read until then stay loaded. */
  signal?: AbortSignal;
}

/** A skipped row. */
export interface RowError {
  /** The input's name, when it has one. */
  source?: string;
  /** 1-based line (CSV: where the record starts; JSON: the element's index + 1). */
  line: number;
  /** Why, in English. */
  reason: string;
  code: string;
  params: MessageParams;
}

/** What the loads into a store did. */
export interface Diagnostics {
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_replaced: number;
  /** Skipped rows with line and reason (the first 1,000). */
  errors: RowError[];
  /** Skipped rows beyond the listed ones. */
  errors_omitted: number;
  warnings: Warning[];
  /** Formats read, in load order. */
  formats: string[];
  /** Each load. */
  sources: DataSource[];
}

// ---------------------------------------------------------------------------------------------
// Assessments

export interface AssessOptions {
  /** Last day of the window, YYYY-MM-DD (default: the latest incident). */
  asOf?: string;
  /** Window length, days (default 90; 1–3650). */
  windowDays?: number;
  trendBin?: 'week' | 'month';
  trendMonths?: number;
  /** A corridor's stretch length, km (default 10). */
  segmentKm?: number;
  /** How many nearest incidents (default 10). */
  nearest?: number;
  /** How many drivers (default 5). */
  drivers?: number;
  /** Influence distance beyond the area's edge, km (default 100). */
  influenceKm?: number;
  /** `summary`: no trend bins, score history or map points, 3 nearest. `analysis`: the full report
   * with the approach, the actor families and the tags (the engine's `prepare` reads texts first). */
  detail?: 'full' | 'summary' | 'analysis';
  /** The threat profile the score weighs by (default `site`). */
  profile?: Profile;
  /** A weight per category, over the profile's (≥ 0). */
  weights?: Partial<Record<Category, number>>;
  /** An influence distance per category, km, over `influenceKm`. */
  reachKm?: Partial<Record<Category, number>>;
  /** Keep only incidents attributed to these actor families. */
  actors?: ActorFamily[];
  /** A date, YYYY-MM-DD: the report's `since` says what changed after it. */
  since?: string;
  /** The approach's drift period, months (default 3). */
  driftMonths?: number;
  /** A report for a public page: derived figures only (no notes, actors, ids, sources or exact places). */
  public?: boolean;
  /** Today, YYYY-MM-DD, for the stale-data warning (the engine reads no clock). */
  today?: string;
  /** Data whose last incident is older than this many days before `today` gets a warning. */
  staleDays?: number;
}

/** The area as reported. */
export interface AoiInfo {
  kind: AoiKind;
  name: string | null;
  /** Site radius, km. */
  radius_km?: number;
  /** Corridor buffer, km. */
  buffer_km?: number;
  /** Corridor length, km. */
  length_km?: number;
  /** [min_lon, min_lat, max_lon, max_lat]. */
  bbox: [number, number, number, number];
  /** The area's surface, km² (a corridor's: its buffer). */
  area_km2: number;
}

export interface Counts {
  /** Incidents in the area in the window. */
  in_aoi: number;
  fatalities: number;
  /** In-area incidents per category (every category, zeros included). */
  by_category: Record<Category, number>;
  /** Incidents within the influence distance (in the area or around it). */
  within_influence: number;
  /** In-area incidents per 1,000 km² of the area (what tells large zones apart where the score is 100). */
  per_1000_km2: number;
}

export interface Driver {
  /** Source id ('' in the public view). */
  id: string;
  /** Score points this incident accounts for. */
  points: number;
  date: string;
  category: Category;
  /** Original event type ('' in the public view). */
  event_type: string;
  distance_km: number;
  fatalities: number;
  /** Place ('' in the public view). */
  location: string;
}

/** A nearby incident. In the public view its texts (id, event types, actors, places, notes,
 * source) are empty and its position is rounded to 0.1°. */
export interface Nearest {
  id: string;
  date: string;
  /** Distance to the area, km (0 inside a zone). */
  distance_km: number;
  bearing_deg: number;
  compass: Compass;
  in_aoi: boolean;
  /** For corridors: km along the corridor. */
  along_km?: number;
  category: Category;
  event_type: string;
  sub_event_type: string;
  actors: string[];
  fatalities: number;
  location: string;
  admin1: string;
  country: string;
  notes: string;
  source: string;
  lat: number;
  lon: number;
}

/** Incidents in the area dated in [start, end). */
export interface TrendBin {
  start: string;
  end: string;
  count: number;
  fatalities: number;
  /** Per category, only non-zero. */
  by_category: Partial<Record<Category, number>>;
}

export interface Change {
  band: ChangeBand;
  /** Change of the recent count against the baseline average, %; null without a baseline. */
  pct: number | null;
  low_baseline: boolean;
  recent: number;
  recent_days: number;
  baseline_avg: number;
  baseline_weeks: number;
}

export interface ScorePoint {
  date: string;
  score: number;
  band: Band;
}

export interface Trend {
  bin: 'week' | 'month';
  bins: TrendBin[];
  change: Change;
  score_history: ScorePoint[];
}

export interface Segment {
  from_km: number;
  to_km: number;
  count: number;
  fatalities: number;
  score: number;
  band: Band;
  /** An analysis report only: the stretch's tags, most frequent first. */
  tags?: Tag[];
}

export interface Route {
  length_km: number;
  segment_km: number;
  segments: Segment[];
  /** The worst stretches (score > 0), worst first, at most 3. */
  hotspots: Segment[];
  verdict: Verdict;
  /** Why, in English. */
  verdict_reason: string;
  verdict_reason_code: string;
  verdict_reason_params: MessageParams;
  /** 75 for no-go, 25 otherwise. */
  verdict_threshold: number;
}

export interface MapData {
  /** `points[i][2]` indexes this list. */
  categories: Category[];
  /** [lat, lon, category index, fatalities], nearest first, at most 500. */
  points: [lat: number, lon: number, category: number, fatalities: number][];
}

export interface MethodInfo {
  half_life_days: number;
  half_distance_km: number;
  influence_km: number;
  scale: number;
  earth_radius_km: number;
}

/** A summary of the loads into the store. */
export interface LoadSummary {
  rows_read: number;
  rows_loaded: number;
  rows_skipped: number;
  rows_replaced: number;
  /** Each once. */
  warnings: Warning[];
  formats: string[];
}

/** One load into the store. */
export interface DataSource {
  /** The name the load was given (a file name). */
  name: string;
  format: string;
  /** Rows stored. */
  rows: number;
  /** The first and last days of those rows (null without rows). */
  first_date: string | null;
  last_date: string | null;
}
/** The data the report is made from. */
export interface DataInfo {
  first_date: string;
  last_date: string;
  sources: DataSource[];
  /** Today, as the host gave it (option `today`). */
  today?: string;
  /** Days from the last incident to today. */
  age_days?: number;
}

export type Profile = 'site' | 'convoy' | 'staff';
/** The formats of `exportIncidents`. */
export type ExportFormat = 'csv' | 'geojson';
/** Actor family keys (docs/METHOD.md §8). */
export type ActorFamily = 'jnim' | 'is_sahel' | 'lake_chad' | 'state_mali' | 'state_burkina_faso' | 'state_niger' | 'state_other' |
  'foreign_forces' | 'militia' | 'separatists' | 'unidentified' | 'civilians' | 'other';
export type Tag = 'ied_road' | 'kidnap_foreigners' | 'checkpoint' | 'blockade' | 'convoy' | 'mine';
export type Sector = 'N' | 'NE' | 'E' | 'SE' | 'S' | 'SW' | 'W' | 'NW';

/** Is it coming closer (an analysis report). */
export interface Approach {
  /** The area itself (0 to 0 km), then rings a quarter of the influence distance wide: counts per trend bin. */
  rings: { from_km: number; to_km: number; counts: number[] }[];
  /** The nearest incident's distance to the area per trend bin, km (null: none). */
  nearest_km: (number | null)[];
  /** The window's incidents within reach by compass sector, seen from the area. */
  sectors: Record<Sector, number>;
  /** Median distance over the last `drift_months` less that of the months before, km (negative: closer). */
  drift_km: number | null;
  drift_months: number;
  /** The drift in English; `drift_code` and `drift_params` to write it in another language. */
  drift_text: string;
  drift_code: 'drift_closer' | 'drift_farther' | 'drift_steady' | 'drift_too_few';
  drift_params: MessageParams;
}

/** An actor family's share of the score (an analysis report). */
export interface ActorShare {
  family: ActorFamily;
  /** Score points of the incidents attributed to it; the shares add up to the score. */
  points: number;
  count: number;
}

/** What changed since the `since` date. */
export interface Since {
  date: string;
  new_in_aoi: number;
  new_within_influence: number;
  score_then: number;
  band_then: Band;
  new_drivers: Driver[];
}

/** One assessment of one area: the JSON the CLI prints for the same input. */
export interface Report {
  /** Rank in a portfolio (1 = highest score); absent for a single area. */
  rank?: number;
  /** Present (true) in the public view: derived figures only. */
  public?: true;
  /** 0–100, one decimal. */
  score: number;
  band: Band;
  as_of: string;
  window_days: number;
  aoi: AoiInfo;
  incidents: Counts;
  /** Score points per category; they add up to `score`. */
  contributions: Partial<Record<Category, number>>;
  /** The unbounded intensity the score is made from (score = 100 × (1 − e^(−intensity/12))). */
  intensity: number;
  drivers: Driver[];
  nearest: Nearest[];
  trend: Trend;
  /** The threat profile the score weighed by. */
  profile: Profile;
  /** An analysis report only. */
  approach?: Approach;
  /** An analysis report only: by family, most points first. */
  actors?: ActorShare[];
  /** An analysis report only: incidents within influence per tag. */
  tags?: Record<Tag, number>;
  /** Given `since`: what changed after it. */
  since?: Since;
  /** Corridors only. */
  route?: Route;
  map: MapData;
  method: MethodInfo;
  diagnostics: LoadSummary;
  /** The data the store holds: its first and last dates, and each load. */
  data: DataInfo;
  /** What the answer rests on, and what it does not (the window or area outside the data, stale
   * data, the loads' warnings that change what the numbers mean); empty when all is well. */
  warnings: Warning[];
}

// ---------------------------------------------------------------------------------------------
// The engine

/** An incident store in the page's thread, with the queries on it. */
export declare class RiskEngine {
  private constructor();
  /** Adds incidents (an id already held is replaced) and returns this load's diagnostics. */
  load(data: IncidentData, options?: LoadOptions): Diagnostics;
  /** As `load`, read as it arrives: the whole input is never in memory. */
  loadStream(source: ReadableStream<Uint8Array> | Response | Blob, options?: StreamOptions): Promise<Diagnostics>;
  /** Assesses an area; a FeatureCollection gives a ranked array. Throws a RiskError. */
  assess(aoi: AreaCollection, options?: AssessOptions): Report[];
  assess(aoi: AreaFeature | AreaGeometry, options?: AssessOptions): Report;
  assess(aoi: Area | string, options?: AssessOptions): Report | Report[];
  /** Reads, with the words module (loaded when first needed), the texts an assessment with these
   * options needs (an analysis, a convoy or staff profile, an actor filter); `assess` refuses with
   * `texts_not_read` until then. */
  prepare(aoi: Area | string, options?: AssessOptions): Promise<void>;
  /** The incidents an assessment uses (within influence, in the window), nearest first, with their
   * distance, bearing and points, as CSV or GeoJSON text (`public` redacts as the report). */
  exportIncidents(aoi: Area | string, options?: AssessOptions, format?: ExportFormat): string;
  /** Drops every incident. */
  clear(): void;
  /** Distinct incidents held. */
  readonly size: number;
  /** Every load's diagnostics, together. */
  diagnostics(): Diagnostics;
  /** [bytes in per-incident columns, bytes in string tables]. */
  memoryBytes(): [number, number];
  /** Releases the store's memory. */
  free(): void;
}

/** The same API in a Web Worker, every method returning a Promise. */
export declare class WorkerEngine {
  constructor();
  /** Resolves once the worker has started; rejects (a RiskError, kind `engine`) when it cannot. */
  readonly ready: Promise<void>;
  load(data: IncidentData, options?: LoadOptions & { signal?: AbortSignal }): Promise<Diagnostics>;
  loadStream(source: ReadableStream<Uint8Array> | Response | Blob, options?: StreamOptions): Promise<Diagnostics>;
  assess(aoi: AreaCollection, options?: AssessOptions): Promise<Report[]>;
  assess(aoi: AreaFeature | AreaGeometry, options?: AssessOptions): Promise<Report>;
  assess(aoi: Area | string, options?: AssessOptions): Promise<Report | Report[]>;
  prepare(aoi: Area | string, options?: AssessOptions): Promise<void>;
  exportIncidents(aoi: Area | string, options?: AssessOptions, format?: ExportFormat): Promise<string>;
  clear(): Promise<void>;
  readonly size: Promise<number>;
  diagnostics(): Promise<Diagnostics>;
  memoryBytes(): Promise<[number, number]>;
  /** Ends the worker; later calls reject. */
  free(): void;
}

/** A new engine with its own store; the WebAssembly module loads once per page. Rejects (kind
 * `engine`) when the module cannot load. */
export declare function loadEngine(): Promise<RiskEngine>;

/** The `site="lat,lon,radius_km"` shorthand as a GeoJSON Feature. */
export declare function siteFeature(text: string, name?: string | null): AreaFeature<PointGeometry>;

/** Sets a card's attributes from a query string, as embed.html does (`?src=…&site=…&name=…`,
 * `?aoi=…`, `as-of`, `window-days`, `stale-days`, `dedupe`, `lang`, `theme`, `format`, `attribution`, `public`). */
export declare function applyQuery(card: Element, search: string | URLSearchParams): URLSearchParams;

// ---------------------------------------------------------------------------------------------
// The element

/** The element's attributes (all strings in HTML; `public` is present or absent). */
export interface RiskCardAttributes {
  /** URL(s) of incident files, separated by spaces, loaded in order. */
  src?: string;
  /** A GeoJSON area, as text. */
  aoi?: string;
  /** "lat,lon,radius_km". */
  site?: string;
  name?: string;
  /** YYYY-MM-DD. */
  'as-of'?: string;
  /** A whole number of days (default 90); anything else is an error naming the attribute. */
  'window-days'?: string | number;
  /** Data whose last incident is older than this many days before today gets `stale_data` (default 30). */
  'stale-days'?: string | number;
  /** `id` (default) or `content`: keep once an event an earlier file had under another id (overlapping ACLED releases). */
  dedupe?: 'id' | 'content';
  lang?: 'en' | 'fr' | (string & {});
  theme?: 'light' | 'dark' | 'auto';
  format?: Format;
  attribution?: string;
  /** Derived figures only, for a public page. */
  public?: boolean | '';
  /** `site` (default), `convoy` or `staff`. */
  profile?: Profile;
  /** Actor families to keep, separated by spaces or commas. */
  actors?: string;
  /** A JSON object of weights by category, over the profile's: `{"abduction": 3}`. */
  weights?: string;
  /** A JSON object of influence distances by category, km: `{"protest": 10}`. */
  'reach-km'?: string;
  /** YYYY-MM-DD: what changed since then. */
  since?: string;
  /** Minutes between reloads of `src` (conditional requests). */
  refresh?: string | number;
  /** `off`: do not keep the as-of last seen in localStorage. */
  remember?: 'off' | (string & {});
}

/** `riskalert`'s detail: why (the band rose, or newer data brought incidents inside the area). */
export interface RiskAlertDetail {
  reason: 'band_rose' | 'new_in_area';
  report: Report;
  previousBand: Band | null;
  band: Band;
  /** `new_in_area`: how many, dated after `since`. */
  newInArea?: number;
  since?: string;
}

/** `riskerror`'s detail: the error's message, code, parameters and kind, and the area's name. */
export interface RiskErrorDetail {
  message: string;
  code?: string;
  params?: MessageParams;
  kind?: ErrorKind;
  /** The name of the area the card shows, when it has one. */
  area: string | null;
}

/** `riskprogress`'s detail: bytes loaded, of `total` (null when unknown). */
export interface RiskProgressDetail {
  phase: 'load';
  done: number;
  total: number | null;
}

export interface RiskCardEventMap extends HTMLElementEventMap {
  /** After every assessment: the report (an array for a portfolio). */
  riskchange: CustomEvent<Report | Report[]> & { previousBand?: Band | null };
  /** The band rose (with 2 points of hysteresis), or newer data brought incidents inside the area. */
  riskalert: CustomEvent<RiskAlertDetail>;
  /** When the card cannot assess. */
  riskerror: CustomEvent<RiskErrorDetail>;
  /** While a large or slow load runs. */
  riskprogress: CustomEvent<RiskProgressDetail>;
}

/** `<risk-card>`. */
export declare class RiskCard extends HTMLElement {
  static readonly observedAttributes: readonly (keyof RiskCardAttributes)[];
  /** Incident data set directly (takes precedence over `src`). */
  incidents: IncidentData | readonly (Uint8Array | Blob | string)[] | undefined;
  /** The area as GeoJSON (takes precedence over the `aoi` and `site` attributes); text is parsed. */
  aoi: Area | string | null;
  /** The last report (redacted with `public`); null before the first assessment or after an error. */
  readonly report: Report | Report[] | null;
  /** The print-ready brief: one self-contained HTML document (A4 portrait), `text/html`. Rejects
   * (`no_report`) before a report. */
  brief(): Promise<Blob>;
  /** The card as a PNG, 1080 px wide, in its theme and language (`png_refused` when the page's CSP
   * refuses `img-src data:`). */
  toPNG(): Promise<Blob>;
  /** The incidents the report used, as a CSV or GeoJSON file. */
  exportIncidents(format?: ExportFormat): Promise<Blob>;
  addEventListener<K extends keyof RiskCardEventMap>(type: K, listener: (this: RiskCard, ev: RiskCardEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RiskCardEventMap>(type: K, listener: (this: RiskCard, ev: RiskCardEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What the classic script puts on `window.riskcard`. */
export interface RiskcardGlobal {
  loadEngine: typeof loadEngine;
  RiskEngine: typeof RiskEngine;
  WorkerEngine: typeof WorkerEngine;
  RiskCard: typeof RiskCard;
  siteFeature: typeof siteFeature;
  applyQuery: typeof applyQuery;
}

declare global {
  interface HTMLElementTagNameMap {
    'risk-card': RiskCard;
  }
  interface Window {
    /** Defined by dist/riskcard.classic.js. */
    riskcard?: RiskcardGlobal;
  }
}
