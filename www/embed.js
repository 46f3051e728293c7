// embed.html's script: one <risk-card> configured by the page's query string (the card's attribute
// names; `asOf` and `windowDays` too): ?src=…&site=lat,lon,km&name=…, or &aoi= + GeoJSON, as-of, ….
import { applyQuery } from './riskcard.js';

const card = document.createElement('risk-card');
const q = applyQuery(card, location.search);
if (q.has('lang')) document.documentElement.lang = q.get('lang');
document.body.append(card);
