// Puts back the parts of each report that crossed the WASM boundary packed (see assessment_to_js in
// mod.rs): a report's map points, trend bins and score history are most of its values, and through
// serde-wasm-bindgen each value would be a call across the boundary and each date a string decoded
// on its own.
//
// value: one report or an array of them. points: [lat, lon, category, fatalities] after one another,
// shape[3i] points in report i. words: the number of category keys, the keys (sorted, as the
// by_category maps are), then each bin's start and end and each history point's date and band.
// nums: each bin's count, fatalities and per-category counts; each history point's score.
// shape[3i + 1] bins and shape[3i + 2] history points in report i.
export function unpack(value, points, words, nums, shape) {
  const reports = Array.isArray(value) ? value : [value];
  const w = words.split(' ');
  const nk = Number(w[0]), keys = w.slice(1, 1 + nk);
  let k = 0, t = 1 + nk, n = 0;
  reports.forEach((r, i) => {
    const p = new Array(shape[3 * i]);
    for (let j = 0; j < p.length; j++, k += 4) p[j] = [points[k], points[k + 1], points[k + 2], points[k + 3]];
    r.map.points = p;
    const bins = new Array(shape[3 * i + 1]);
    for (let j = 0; j < bins.length; j++, n += 2 + nk) {
      const by = {};
      for (let c = 0; c < nk; c++) if (nums[n + 2 + c] > 0) by[keys[c]] = nums[n + 2 + c];
      bins[j] = { start: w[t], end: w[t + 1], count: nums[n], fatalities: nums[n + 1], by_category: by };
      t += 2;
    }
    const history = new Array(shape[3 * i + 2]);
    for (let j = 0; j < history.length; j++, t += 2) history[j] = { date: w[t], score: nums[n++], band: w[t + 1] };
    r.trend.bins = bins;
    r.trend.score_history = history;
  });
}
