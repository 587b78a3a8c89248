import { Headphones } from 'lucide-react';
import {
  Button as AriaButton,
  Header,
  Menu,
  MenuItem,
  MenuSection,
  MenuTrigger,
  Popover,
} from 'react-aria-components';
import { useServices, useTelephony } from '../../app/services-context.js';
import { DEFAULT_DEVICE } from '../../telephony/audio-devices.js';

/** Microphone and speaker for the call; the choice goes to settings, whose change the engine follows. */
export function DeviceMenu() {
  const { settings } = useServices();
  const devices = useTelephony((s) => s.devices);
  const input = useTelephony((s) => s.inputDeviceId);
  const output = useTelephony((s) => s.outputDeviceId);
  const choose = (key: string) => {
    const [kind, id = DEFAULT_DEVICE] = key.split('|', 2) as [string, string | undefined];
    const deviceId = id === DEFAULT_DEVICE ? null : id;
    void settings.getState().update({
      audio: kind === 'in' ? { inputDeviceId: deviceId } : { outputDeviceId: deviceId },
    });
  };
  const section = (
    kind: 'in' | 'out',
    title: string,
    list: typeof devices.inputs,
    chosen: string,
  ) => (
    <MenuSection className="menu-section">
      <Header className="menu-header">{title}</Header>
      {[
        { deviceId: DEFAULT_DEVICE, label: 'System default' },
        ...list.filter((d) => d.deviceId !== DEFAULT_DEVICE),
      ].map((d) => (
        <MenuItem
          key={`${kind}|${d.deviceId}`}
          id={`${kind}|${d.deviceId}`}
          className="menu-item"
          textValue={d.label}
        >
          <span className="check" aria-hidden="true">
            {d.deviceId === chosen ? '✓' : ''}
          </span>
          {d.label}
          {d.deviceId === chosen && <span className="sr-only"> (in use)</span>}
        </MenuItem>
      ))}
    </MenuSection>
  );
  return (
    <MenuTrigger>
      <AriaButton className="btn btn-default call-control" aria-label="Audio devices">
        <Headphones size={20} aria-hidden="true" />
        <span className="call-control-label">Audio</span>
      </AriaButton>
      <Popover className="popover" placement="top">
        <Menu className="menu" aria-label="Audio devices" onAction={(k) => choose(String(k))}>
          {section('in', 'Microphone', devices.inputs, input)}
          {section('out', 'Speaker', devices.outputs, output)}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
