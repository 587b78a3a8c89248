import type { Settings, SettingsPatch } from '@crokodialer/shared';

export type Presence = 'available' | 'away' | 'do-not-disturb';

export const PRESENCE_LABELS: Record<Presence, string> = {
  available: 'Available',
  away: 'Away',
  'do-not-disturb': 'Do not disturb',
};

/** The agent's presence as main's settings hold it (their one home). */
export function presenceOf(settings: Pick<Settings, 'doNotDisturb'>): Presence {
  return settings.doNotDisturb ? 'do-not-disturb' : 'available';
}

/** The settings patch that sets a presence. */
export function presencePatch(presence: Presence): SettingsPatch {
  return { doNotDisturb: presence === 'do-not-disturb' };
}
