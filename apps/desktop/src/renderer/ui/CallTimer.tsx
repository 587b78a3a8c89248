import { useEffect, useState } from 'react';

/** "m:ss" or "h:mm:ss" for a duration in seconds. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Ticks every second from `since` (epoch ms). Not a live region: it would talk every second. */
export function CallTimer({ since, label }: { since: number; label: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="call-timer mono" aria-label={label}>
      {formatDuration((now - since) / 1000)}
    </time>
  );
}
