import { Button } from 'react-aria-components';

const KEYS: readonly (readonly [string, string])[] = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
];

interface Props {
  onKey: (key: string) => void;
  label: string;
  /** Long press of 0 types "+" on phones; here a secondary action (Alt/right click). */
  onPlus?: () => void;
  compact?: boolean;
}

/** The twelve-key pad (dial pad and in-call DTMF). Buttons never take focus from the number field. */
export function KeyPad({ onKey, label, onPlus, compact }: Props) {
  return (
    <div role="group" aria-label={label} className={compact ? 'keypad keypad-compact' : 'keypad'}>
      {KEYS.map(([key, letters]) => (
        <Button
          key={key}
          className="key"
          // Digits are named by what they show; the symbols by their spoken names.
          aria-label={key === '*' ? 'star' : key === '#' ? 'pound' : undefined}
          preventFocusOnPress
          onPress={(e) => (key === '0' && e.altKey && onPlus ? onPlus() : onKey(key))}
        >
          <span className="key-digit">{key}</span>
          <span className="key-letters">{letters}</span>
        </Button>
      ))}
    </div>
  );
}
