import { ChevronDown } from 'lucide-react';
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import type { AudioDevice } from '../../telephony/audio-devices.js';

const DEFAULT_KEY = '__default__';

/** One audio device choice; `null` is the system default. */
export function DeviceSelect(props: {
  label: string;
  devices: readonly AudioDevice[];
  value: string | null;
  onChange: (deviceId: string | null) => void;
}) {
  const options = [
    { deviceId: DEFAULT_KEY, label: 'System default' },
    ...props.devices.filter((d) => d.deviceId !== 'default'),
  ];
  const known = props.value !== null && props.devices.some((d) => d.deviceId === props.value);
  return (
    <Select
      className="field"
      selectedKey={known ? props.value : DEFAULT_KEY}
      onSelectionChange={(k) => props.onChange(k === DEFAULT_KEY ? null : String(k))}
    >
      <Label className="field-label">{props.label}</Label>
      <Button className="btn btn-default select-button">
        <SelectValue />
        <ChevronDown size={14} aria-hidden="true" />
      </Button>
      <Popover className="popover">
        <ListBox className="menu">
          {options.map((d) => (
            <ListBoxItem key={d.deviceId} id={d.deviceId} className="menu-item" textValue={d.label}>
              {d.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
