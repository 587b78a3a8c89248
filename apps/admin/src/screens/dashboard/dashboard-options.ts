import type { Dashboard } from '@crokodialer/shared';
import type { ChartOption } from './chart';

type Colors = { text: string; muted: string; border: string; accent: string };

/** Outcome colours: answered green, misses amber, failures red, the rest neutral. */
const OUTCOME_COLOR: Record<string, string> = {
  completed: '#1f9d72',
  connected: '#47c59a',
  missed: '#e3a008',
  'no-answer': '#f0c05a',
  busy: '#c27c0e',
  rejected: '#d9534f',
  failed: '#b42318',
  cancelled: '#8e99a8',
  initiated: '#6b7a90',
  ringing: '#9fb0c8',
};
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const axis = (c: Colors) => ({
  axisLine: { lineStyle: { color: c.border } },
  axisLabel: { color: c.muted },
  splitLine: { lineStyle: { color: c.border } },
});

export function callsPerDayOption(d: Dashboard, c: Colors): ChartOption {
  const statuses = [...new Set(d.callsPerDay.flatMap((r) => Object.keys(r.byStatus)))];
  return {
    tooltip: { trigger: 'axis' },
    legend: { textStyle: { color: c.text }, top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: d.callsPerDay.map((r) => r.day), ...axis(c) },
    yAxis: { type: 'value', minInterval: 1, ...axis(c) },
    series: statuses.map((s) => ({
      name: s,
      type: 'bar',
      stack: 'calls',
      barMaxWidth: 48,
      itemStyle: { color: OUTCOME_COLOR[s] ?? c.muted },
      data: d.callsPerDay.map((r) => r.byStatus[s] ?? 0),
    })),
  };
}

export function talkPerAgentOption(d: Dashboard, c: Colors): ChartOption {
  const rows = [...d.talkPerAgent].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 24, top: 10, bottom: 28 },
    xAxis: {
      type: 'value',
      ...axis(c),
      axisLabel: { color: c.muted, formatter: (v: number) => `${Math.round(v / 60)} min` },
    },
    yAxis: { type: 'category', data: rows.map((r) => r.name), ...axis(c) },
    series: [
      {
        name: 'Talk time (s)',
        barMaxWidth: 28,
        type: 'bar',
        itemStyle: { color: c.accent },
        data: rows.map((r) => r.talkSeconds),
      },
    ],
  };
}

export function busiestHoursOption(d: Dashboard, c: Colors): ChartOption {
  const max = Math.max(1, ...d.busiestHours.map((h) => h.calls));
  return {
    tooltip: { position: 'top' },
    grid: { left: 44, right: 16, top: 10, bottom: 60 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      ...axis(c),
    },
    yAxis: { type: 'category', data: WEEKDAYS, inverse: true, ...axis(c) },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      textStyle: { color: c.muted },
      inRange: { color: ['rgba(31,157,114,0.08)', '#1f9d72'] },
    },
    series: [
      {
        name: 'Calls',
        type: 'heatmap',
        data: d.busiestHours.map((h) => [h.hour, h.weekday - 1, h.calls]),
      },
    ],
  };
}
