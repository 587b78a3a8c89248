import type { CountryCode, Settings, ShortcutAction, Theme } from '@crokodialer/shared';
import { Mic, Volume2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Input, Label, Radio, RadioGroup, Switch, Text, TextField } from 'react-aria-components';
import { useServices, useSlice, useTelephony } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import { LevelMeter } from '../../ui/LevelMeter.js';
import { DeviceSelect } from './DeviceSelect.js';
import { CallerIdsField } from './CallerIdsField.js';
import { RegionSelect } from './RegionSelect.js';
import { shortcutProblem, type SettingsScreenStore } from './settings-screen.store.js';

function Toggle(props: {
  label: string;
  hint: string;
  value: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <Switch className="switch" isSelected={props.value} onChange={props.onChange}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      <span>
        {props.label}
        <span className="muted small block">{props.hint}</span>
      </span>
    </Switch>
  );
}

/** A text setting saved on blur or Enter once valid; the problem shown under it otherwise. */
function Validated(props: {
  label: string;
  value: string;
  check: (v: string) => string | null;
  save: (v: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const problem = props.check(draft);
  const commit = () => {
    if (!problem && draft.trim() !== props.value) props.save(draft.trim());
  };
  return (
    <TextField
      className="field"
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      isInvalid={problem !== null}
    >
      <Label className="field-label">{props.label}</Label>
      <Input className="mono" />
      {problem && (
        <Text slot="errorMessage" className="field-error">
          {problem}
        </Text>
      )}
    </TextField>
  );
}

const SHORTCUTS: readonly (readonly [ShortcutAction, string])[] = [
  ['answer', 'Answer shortcut'],
  ['hangup', 'Hang up shortcut'],
  ['mute', 'Mute shortcut'],
];

/** Devices with their checks, region, shortcuts, start-up, links and theme. */
export function SettingsScreen({
  store,
  settings,
  format,
}: {
  store: SettingsScreenStore;
  settings: Settings;
  format: (number: string) => string;
}) {
  const services = useServices();
  const save = services.settings.getState().update;
  const saveError = useSlice(services.settings, (s) => s.error);
  const devices = useTelephony((s) => s.devices);
  const { level, metering, toneTarget, problem } = useSlice(store, (s) => s);
  const { audio } = settings;
  useEffect(() => () => store.getState().left(), [store]);

  return (
    <section className="settings" aria-label="Settings">
      <h2 className="section-title">Audio</h2>
      <DeviceSelect
        label="Microphone"
        devices={devices.inputs}
        value={audio.inputDeviceId}
        onChange={(id) => void save({ audio: { inputDeviceId: id } })}
      />
      <div className="row">
        <LevelMeter level={level} label="Microphone level" />
        <Button
          onPress={() => void store.getState().meterToggled(audio.inputDeviceId)}
          aria-pressed={metering}
        >
          <Mic size={16} aria-hidden="true" /> {metering ? 'Stop test' : 'Test microphone'}
        </Button>
      </div>
      <DeviceSelect
        label="Speaker"
        devices={devices.outputs}
        value={audio.outputDeviceId}
        onChange={(id) => void save({ audio: { outputDeviceId: id } })}
      />
      <Button
        isDisabled={toneTarget !== null}
        onPress={() => void store.getState().toneRequested('output', audio.outputDeviceId)}
      >
        <Volume2 size={16} aria-hidden="true" />{' '}
        {toneTarget === 'output' ? 'Playing…' : 'Play test tone'}
      </Button>
      <DeviceSelect
        label="Ringer"
        devices={devices.outputs}
        value={audio.ringerDeviceId}
        onChange={(id) => void save({ audio: { ringerDeviceId: id } })}
      />
      <Button
        isDisabled={toneTarget !== null}
        onPress={() => void store.getState().toneRequested('ringer', audio.ringerDeviceId)}
      >
        <Volume2 size={16} aria-hidden="true" />{' '}
        {toneTarget === 'ringer' ? 'Playing…' : 'Test ringer'}
      </Button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}

      <h2 className="section-title">Calling</h2>
      <RegionSelect
        value={settings.defaultRegion}
        onChange={(code) => void save({ defaultRegion: code })}
      />
      {settings.mode === 'direct' && (
        <CallerIdsField
          numbers={settings.directCallerIds}
          region={settings.defaultRegion as CountryCode}
          format={format}
          onChange={(directCallerIds) => void save({ directCallerIds })}
        />
      )}
      <Toggle
        label="Dial tel: links at once"
        hint="Only numbers of your own country; others wait for you to press Call."
        value={settings.autoDialLinks}
        onChange={(v) => void save({ autoDialLinks: v })}
      />

      <h2 className="section-title">Shortcuts</h2>
      <p className="muted small">
        Work in any app while you are signed in. Leave empty to turn one off.
      </p>
      {SHORTCUTS.map(([action, label]) => (
        <Validated
          key={action}
          label={label}
          value={settings.shortcuts[action] ?? ''}
          check={(v) => shortcutProblem(action, v)}
          save={(v) => void save({ shortcuts: { [action]: v === '' ? null : v } })}
        />
      ))}

      <h2 className="section-title">App</h2>
      <Toggle
        label="Start at login"
        hint="Crokodialer starts in the tray so you can take calls."
        value={settings.launchAtLogin}
        onChange={(v) => void save({ launchAtLogin: v })}
      />
      <RadioGroup
        className="field"
        value={settings.theme}
        onChange={(v) => void save({ theme: v as Theme })}
        orientation="horizontal"
      >
        <Label className="field-label">Theme</Label>
        <div className="segmented segmented-small">
          <Radio value="system" className="segment">
            System
          </Radio>
          <Radio value="light" className="segment">
            Light
          </Radio>
          <Radio value="dark" className="segment">
            Dark
          </Radio>
        </div>
      </RadioGroup>
      {saveError && (
        <p className="field-error" role="alert">
          {saveError}
        </p>
      )}
    </section>
  );
}
