// Measures first render of a line chart with N points in ECharts, uPlot and Recharts (the choice
// the dashboard made; see README). Run: node bench/run.mjs (builds this page, drives Chromium).
import * as echarts from 'echarts';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import uPlot from 'uplot';

const W = 900;
const H = 300;

function data(n: number) {
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = i;
    ys[i] = Math.sin(i / 50) * 100 + ((i * 7919) % 13);
  }
  return { xs, ys };
}

function box(): HTMLDivElement {
  const el = document.createElement('div');
  el.style.width = `${W}px`;
  el.style.height = `${H}px`;
  document.body.appendChild(el);
  return el;
}

const painted = () =>
  new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

async function timeIt(draw: () => void): Promise<number> {
  const t = performance.now();
  draw();
  await painted();
  return Math.round(performance.now() - t);
}

async function run(n: number) {
  const { xs, ys } = data(n);
  const pairs = Array.from(xs, (x, i) => [x, ys[i]!]);
  const objs = Array.from(xs, (x, i) => ({ x, y: ys[i]! }));
  const out: Record<string, number> = {};
  out.echarts = await timeIt(() => {
    const c = echarts.init(box(), undefined, { renderer: 'canvas' });
    c.setOption({
      animation: false,
      xAxis: { type: 'value' },
      yAxis: { type: 'value' },
      series: [{ type: 'line', showSymbol: false, data: pairs, sampling: 'lttb' }],
    });
  });
  out.uplot = await timeIt(() => {
    new uPlot({ width: W, height: H, series: [{}, { stroke: 'green' }] }, [xs, ys], box());
  });
  out.recharts = await timeIt(() => {
    const root = createRoot(box());
    flushSync(() =>
      root.render(
        <LineChart width={W} height={H} data={objs}>
          <XAxis dataKey="x" type="number" />
          <YAxis />
          <Line dataKey="y" dot={false} isAnimationActive={false} />
        </LineChart>,
      ),
    );
  });
  return out;
}

(window as unknown as { bench: typeof run }).bench = run;
