// Line charts as SVG text, for the benchmark's capacity curves: one labelled polyline per server over a log x axis.
// Written by hand so the benchmark needs no plotting package and the files diff as text.

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { top: 56, right: 190, bottom: 62, left: 78 };
// distinguishable in colour and, for those who cannot tell them apart, by dash pattern
const STYLES = [
  { colour: '#1f77b4', dash: '' },
  { colour: '#d62728', dash: '6 3' },
  { colour: '#2ca02c', dash: '2 3' },
  { colour: '#9467bd', dash: '8 3 2 3' },
  { colour: '#ff7f0e', dash: '10 4' },
  { colour: '#8c564b', dash: '3 6' },
];

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const number = (value) => (Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(Number(value.toPrecision(3))));

/** About five round steps (1, 2 or 5 × a power of ten) covering 0 and every value (a heap can shrink: below 0). */
function yTicks(min, max) {
  const span = max - min;
  if (!(span > 0)) return [min, min + 1];
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const ticks = [];
  for (let k = Math.floor(min / step); ticks.length === 0 || ticks[ticks.length - 1] < max; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * An SVG line chart. `xs` are the sizes measured (ticks are placed at them, on a log scale); each series has one
 * value per x, and a value that is not a finite number (a server that failed at that size) leaves a gap in its line,
 * never a zero.
 * @param {{title: string, subtitle?: string, xLabel: string, yLabel: string, xs: number[],
 *   series: {label: string, values: number[]}[]}} chart
 * @returns {string} the SVG document
 */
export function lineChart({ title, subtitle = '', xLabel, yLabel, xs, series }) {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  // half a tick's worth of room at each end, so the first and last points are not on the frame
  const pad = xs.length > 1 ? (Math.log(hi) - Math.log(lo)) * 0.06 : 1;
  const [logLo, logHi] = [Math.log(lo) - pad, Math.log(hi) + pad];
  const x = (value) => MARGIN.left + ((Math.log(value) - logLo) / (logHi - logLo)) * plotW;
  const finite = series.flatMap((s) => s.values).filter(Number.isFinite);
  const ticks = yTicks(Math.min(0, ...finite), Math.max(0, ...finite));
  const [yMin, yMax] = [ticks[0], ticks[ticks.length - 1]];
  const y = (value) => MARGIN.top + plotH - ((value - yMin) / (yMax - yMin)) * plotH;
  const bottom = MARGIN.top + plotH;

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="16" font-weight="bold">${escape(title)}</text>`,
  ];
  if (subtitle) out.push(`<text x="${MARGIN.left}" y="42" fill="#555">${escape(subtitle)}</text>`);
  for (const tick of ticks) {
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e4e4e4"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${number(tick)}</text>`);
  }
  for (const value of xs) {
    out.push(`<line x1="${x(value)}" x2="${x(value)}" y1="${bottom}" y2="${bottom + 5}" stroke="black"/>`,
      `<text x="${x(value)}" y="${bottom + 19}" text-anchor="middle">${number(value)}</text>`);
  }
  out.push(`<path d="M${MARGIN.left} ${MARGIN.top}V${bottom}H${MARGIN.left + plotW}" fill="none" stroke="black"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escape(xLabel)} (log scale)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`);

  series.forEach(({ label, values }, i) => {
    const { colour, dash } = STYLES[i % STYLES.length];
    const stroke = `stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
    // a run of consecutive measured points is one polyline; a missing value ends it
    let run = [];
    const flush = () => {
      if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" ${stroke}/>`);
      run = [];
    };
    values.forEach((value, k) => {
      if (!Number.isFinite(value)) return flush();
      run.push(`${x(xs[k]).toFixed(1)},${y(value).toFixed(1)}`);
      out.push(`<circle cx="${x(xs[k]).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${colour}"><title>${escape(`${label}: ${number(value)} at ${number(xs[k])}`)}</title></circle>`);
    });
    flush();
    const legendY = MARGIN.top + 8 + i * 20;
    const legendX = MARGIN.left + plotW + 16;
    out.push(`<line x1="${legendX}" x2="${legendX + 28}" y1="${legendY}" y2="${legendY}" ${stroke}/>`,
      `<text x="${legendX + 34}" y="${legendY + 4}">${escape(label)}</text>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}
