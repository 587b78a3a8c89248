import { DashboardSchema } from '@crokodialer/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { getJson } from '../../api/client';
import { useThemeName } from '../../shell/theme';
import { ErrorNote } from '../../ui/error-note';
import { ago, duration, percent } from '../../ui/format';
import { Chart, themeColors } from './chart';
import { busiestHoursOption, callsPerDayOption, talkPerAgentOption } from './dashboard-options';

const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whole local days ending today, so "last 7 days" means the same thing all afternoon. */
function period(days: number) {
  const to = new Date();
  to.setHours(24, 0, 0, 0);
  const from = new Date(to);
  from.setDate(from.getDate() - days);
  return { from: from.toISOString(), to: to.toISOString(), tz: zone };
}

export function DashboardPage() {
  const [days, setDays] = useState(30);
  const theme = useThemeName();
  const q = useMemo(() => period(days), [days]);
  const data = useQuery({
    queryKey: ['dashboard', q],
    queryFn: () => getJson(DashboardSchema, '/api/admin/dashboard', q),
    // An admin who opens the dashboard expects it as of now, not as of their last visit.
    staleTime: 0,
    refetchInterval: 30_000,
  });
  const d = data.data;
  // Recomputed on theme change: the colours come from the theme's CSS variables.
  const options = useMemo(() => {
    if (!d) return null;
    const c = themeColors();
    return {
      perDay: callsPerDayOption(d, c),
      perAgent: talkPerAgentOption(d, c),
      hours: busiestHoursOption(d, c),
    };
  }, [d, theme]);
  return (
    <>
      <div className="page-head">
        <h1>Dashboard</h1>
        <label className="btn-row">
          <span>Period</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((p) => (
              <option key={p.days} value={p.days}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={data.error} />
      {d && options && (
        <div className="grid">
          <div className="grid grid-4">
            <Stat label="Calls" value={String(d.totals.calls)} />
            <Stat label="Answer rate" value={percent(d.totals.answerRate)} />
            <Stat label="Talk time" value={duration(d.totals.talkSeconds)} />
            <Stat label="Agents online now" value={String(d.onlineNow.length)} />
          </div>
          <div className="grid grid-2">
            <section className="card" aria-labelledby="per-day">
              <h2 id="per-day">Calls per day by outcome</h2>
              <Chart option={options.perDay} theme={theme} label="Calls per day by outcome" />
            </section>
            <section className="card" aria-labelledby="per-agent">
              <h2 id="per-agent">Talk time per agent</h2>
              <Chart option={options.perAgent} theme={theme} label="Talk time per agent" />
            </section>
            <section className="card" aria-labelledby="hours">
              <h2 id="hours">Busiest hours of the week</h2>
              <Chart option={options.hours} theme={theme} label="Calls by weekday and hour" />
            </section>
            <section className="card" aria-labelledby="online">
              <h2 id="online">Agents online now</h2>
              {d.onlineNow.length === 0 ? (
                <p className="muted">Nobody is online.</p>
              ) : (
                <ul className="plain-list">
                  {d.onlineNow.map((a) => (
                    <li key={a.agentId}>
                      <strong>{a.name}</strong>{' '}
                      <span className="badge badge-ok">{a.presence.replace(/-/g, ' ')}</span>{' '}
                      <span className="hint">seen {ago(a.lastSeenAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </div>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="card">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
    </div>
  );
}
