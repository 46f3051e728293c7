// One wrong use that must not compile: the riskchange detail is the report (its score a number), not `any`.
import 'riskcard';

const card = document.createElement('risk-card');
card.addEventListener('riskchange', (e) => {
  if (Array.isArray(e.detail)) return;
  const label: string = e.detail.score;
  console.log(label);
});
