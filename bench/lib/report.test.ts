import { describe, expect, it } from 'vitest';
import { table } from './report.js';

describe('table', () => {
  it('shows the ratio to the baseline, the target and whether it was met', () => {
    const text = table({
      rows: [
        { metric: 'a', unit: 'ms', project: 30, baseline: 20, target: '≤ 40 ms', pass: true },
        { metric: 'b', unit: 'kB', project: 5, baseline: 2, target: '≤ 1.5×', pass: false },
      ],
      notes: [],
      failures: [],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('| Metric | Project | Baseline | Ratio | Target | Met |');
    expect(lines[2]).toBe('| a (ms) | 30 | 20 | 1.5 | ≤ 40 ms | yes |');
    expect(lines[3]).toBe('| b (kB) | 5 | 2 | 2.5 | ≤ 1.5× | **no** |');
  });

  it('shows a dash for a missing baseline or a figure never reached, and no ratio', () => {
    const text = table({
      rows: [
        { metric: 'c', unit: 'ms', project: 4, baseline: null },
        { metric: 'd', unit: 'ms', project: NaN, baseline: 10, target: '≤ 3 ms', pass: false },
        { metric: 'e', unit: 'ms', project: 4, baseline: 0 },
      ],
      notes: [],
      failures: [],
    });
    const [, , c, d, e] = text.split('\n');
    expect(c).toBe('| c (ms) | 4 | — | — |  |  |');
    expect(d).toBe('| d (ms) | — | 10 | — | ≤ 3 ms | **no** |');
    expect(e).toBe('| e (ms) | 4 | 0 | — |  |  |');
  });
});
