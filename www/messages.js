// The shell's own messages: what the engine cannot say (a fetch that failed, an attribute that is not
// an area, an engine used after it was freed). Each has a stable code, parameters and an English text
// made here from them, as the engine's messages are made in src/message.rs; errors carry `code`,
// `params` and `kind` besides `message`, as the engine's do. docs/MESSAGES.md lists both.

/** What an error's `kind` puts before its message, as the engine's errors do. */
export const PREFIX = { aoi: 'invalid area of interest: ', data: 'unreadable incident data: ', options: 'invalid option: ', usage: '', fetch: '', engine: '' };

/** code → [kind, English text with {param} placeholders]. */
export const SHELL_MESSAGES = {
  data_not_bytes: ['data', 'give a Uint8Array, a string, or parsed GeoJSON / JSON'],
  stream_source: ['data', 'loadStream takes a ReadableStream, a Response or a Blob'],
  aoi_text_not_json: ['aoi', 'not valid JSON: {detail}'],
  aoi_attribute_not_json: ['aoi', 'the aoi attribute is not valid JSON ({detail})'],
  site_attribute: ['aoi', 'site must be "lat,lon,radius_km", got "{got}"'],
  fetch_status: ['fetch', 'could not fetch {file}: HTTP {status}'],
  fetch_error: ['fetch', 'could not fetch {file}: {detail}'],
  fetch_not_data: ['fetch', 'could not load {file}: the server sent a web page (text/html), not incident data'],
  engine_failed: ['engine', 'the engine could not start: {detail}'],
  worker_failed: ['engine', 'the Web Worker could not start: {detail}'],
  worker_refused: ['engine', 'the Web Worker could not start: its script did not load or was refused ({file})'],
  worker_no_start: ['engine', 'the Web Worker did not start within {seconds} s'],
  worker_stopped: ['engine', 'the Web Worker stopped: {detail}'],
  worker_fallback: ['engine', 'loaded on the main thread instead: {detail}'],
  engine_freed: ['usage', 'engine freed'],
  load_ended: ['usage', 'the load has ended'],
  unknown_operation: ['usage', 'unknown operation {op}'],
  no_report: ['usage', 'the card has no report to take away yet'],
  png_refused: ['usage', 'the picture could not be drawn: the page refused the image of the card ({detail}); a Content-Security-Policy must allow img-src data:'],
  attribute_not_whole: ['options', 'the {attribute} attribute must be a whole number, got "{got}"'],
  attribute_not_date: ['options', 'the {attribute} attribute must be a date written YYYY-MM-DD, got "{got}"'],
  attribute_not_one_of: ['options', 'the {attribute} attribute must be one of {allowed}, got "{got}"'],
  attribute_not_json: ['options', 'the {attribute} attribute must be a JSON object such as {example}, got "{got}"'],
};

/** Replaces {name} placeholders. */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, k) => String(values?.[k] ?? ''));
}

/** A warning for one of the shell's messages, as the engine's warnings are: {code, message, params}. */
export function shellWarning(code, params = {}) {
  return { code, message: fill(SHELL_MESSAGES[code][1], params), params };
}

/** An Error for one of the shell's messages, with `code`, `params` and `kind`. */
export function shellError(code, params = {}) {
  const [kind, text] = SHELL_MESSAGES[code];
  return Object.assign(new Error(PREFIX[kind] + fill(text, params)), { code, params, kind });
}

/** What crosses from a worker for an error: its message and, when it has them, code, params, kind. */
export function errorData(e) {
  return { message: String(e?.message ?? e), code: e?.code, params: e?.params, kind: e?.kind };
}

/** The Error `errorData` describes. */
export function errorFrom({ message, code, params, kind }) {
  return Object.assign(new Error(message), code ? { code, params, kind } : {});
}
