// riskcard: <script type="module" src=".../riskcard.js"></script> then <risk-card src=… site=…>.
export { loadEngine, RiskEngine, WorkerEngine } from './engine.js';
export { RiskCard, siteFeature, applyQuery } from './card.js';
import { RiskCard } from './card.js';

if (globalThis.customElements && !customElements.get('risk-card')) customElements.define('risk-card', RiskCard);
