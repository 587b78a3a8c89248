import { useSyncExternalStore } from 'react';

export const SCREENS = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'calls', label: 'Team calls' },
  { id: 'agents', label: 'Agents' },
  { id: 'numbers', label: 'Numbers' },
  { id: 'settings', label: 'Settings' },
  { id: 'audit', label: 'Audit log' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

const isScreen = (s: string): s is ScreenId => SCREENS.some((x) => x.id === s);
const read = (): ScreenId => {
  const id = location.hash.replace(/^#\/?/, '');
  return isScreen(id) ? id : 'dashboard';
};
const subscribe = (cb: () => void) => {
  addEventListener('hashchange', cb);
  return () => removeEventListener('hashchange', cb);
};

/** Screens live in the URL hash, so the API serves one page and every screen is linkable. */
export const useScreen = (): ScreenId => useSyncExternalStore(subscribe, read);

/** An invite link's token (`#invite=…`): the fragment never reaches a server or its logs. */
export const useInviteToken = (): string | null =>
  useSyncExternalStore(
    subscribe,
    () => /^#invite=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1] ?? null,
  );
