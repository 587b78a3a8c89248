import type { Settings, SettingsPatch } from '@crokodialer/shared';

export type Presence = 'available' | 'away' | 'do-not-disturb';

export const PRESENCE_LABELS: Record<Presence, string> = {
  available: 'Available',
  away: 'Away',
  'do-not-disturb': 'Do not disturb',
};

/**
 * The agent's presence as main's settings hold it (their one home): do-not-disturb wins over the
 * available/away the team sees otherwise.
 */
export function presenceOf(settings: Pick<Settings, 'doNotDisturb' | 'presence'>): Presence {
  return settings.doNotDisturb ? 'do-not-disturb' : settings.presence;
}

/** The settings patch that sets a presence; available/away also end do-not-disturb. */
export function presencePatch(presence: Presence): SettingsPatch {
  return presence === 'do-not-disturb' ? { doNotDisturb: true } : { doNotDisturb: false, presence };
}
