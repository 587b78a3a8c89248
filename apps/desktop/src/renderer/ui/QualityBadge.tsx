import { Signal, SignalLow, SignalMedium } from 'lucide-react';

export interface QualityFigures {
  mos: number;
  jitterMs: number;
  rttMs: number;
  lossPercent: number;
  poor: boolean;
}

/** A plain-words reading of the figures: what the agent will hear, not the numbers. */
export function qualityWords(q: QualityFigures): { label: string; advice: string | null } {
  if (!q.poor) return { label: q.mos >= 4 ? 'Excellent' : 'Good', advice: null };
  if (q.lossPercent >= 5) {
    return {
      label: 'Poor',
      advice:
        'Audio is breaking up: the network is dropping sound. Move closer to Wi-Fi or use a cable.',
    };
  }
  if (q.jitterMs >= 40 || q.rttMs >= 300) {
    return {
      label: 'Poor',
      advice:
        'The line is delayed or choppy. Close large downloads or video calls on this network.',
    };
  }
  return { label: 'Poor', advice: 'Call quality is poor. The other side may hear you badly.' };
}

/** MOS, jitter and loss at a glance; the warning in words when the call sounds bad. */
export function QualityBadge({ quality }: { quality: QualityFigures | undefined }) {
  if (!quality) {
    return (
      <span className="badge badge-neutral" title="Measuring call quality…">
        <Signal size={14} aria-hidden="true" /> Measuring…
      </span>
    );
  }
  const { label, advice } = qualityWords(quality);
  const Icon = quality.poor ? SignalLow : quality.mos >= 4 ? Signal : SignalMedium;
  const details = `MOS ${quality.mos.toFixed(1)}, jitter ${quality.jitterMs} ms, loss ${quality.lossPercent}%`;
  return (
    <div className="quality">
      <span
        className={quality.poor ? 'badge badge-warn' : 'badge badge-ok'}
        aria-label={`Call quality ${label}: ${details}`}
      >
        <Icon size={14} aria-hidden="true" /> {label}
        <span className="badge-details mono" aria-hidden="true">
          {details}
        </span>
      </span>
      {advice && (
        <p className="quality-advice" role="status">
          {advice}
        </p>
      )}
    </div>
  );
}
