import { useNumbers } from '../numbers/numbers-api';

/** Caller IDs are numbers the org owns at Telnyx, so the admin picks them from the synced list. */
export function CallerIdPicker({ selected }: { selected: string[] }) {
  const numbers = useNumbers();
  return (
    <fieldset className="field fieldset">
      <legend>Caller IDs</legend>
      {numbers.data?.length === 0 && (
        <span className="hint">
          No numbers yet: sync them on the <a href="#/numbers">Numbers</a> screen first.
        </span>
      )}
      <div className="checks">
        {numbers.data?.map((n) => (
          <label key={n.id} className="check mono">
            <input
              type="checkbox"
              name="callerIds"
              value={n.phoneNumber}
              defaultChecked={selected.includes(n.phoneNumber)}
            />
            {n.phoneNumber}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
