/** A microphone level bar, 0–1. A meter for screen readers, a bar for the eye. */
export function LevelMeter({ level, label }: { level: number; label: string }) {
  const value = Math.round(Math.min(1, Math.max(0, level)) * 100);
  return (
    <div
      className="level-meter"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="level-meter-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
