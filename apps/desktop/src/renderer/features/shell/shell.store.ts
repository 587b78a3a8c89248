import type { AppInfo, Notice, SessionState } from '@crokodialer/shared';
import { create } from 'zustand';

/** App shell state: who is signed in, where we run, and notices to show. The dialer UI comes later. */
interface ShellState {
  info: AppInfo | null;
  session: SessionState | null;
  notices: Notice[];
  error: string | null;
  shellLoaded: (info: AppInfo, session: SessionState, notices: Notice[]) => void;
  noticeReceived: (notice: Notice) => void;
  loadFailed: (message: string) => void;
}

export const useShellStore = create<ShellState>((set) => ({
  info: null,
  session: null,
  notices: [],
  error: null,
  shellLoaded: (info, session, notices) => set({ info, session, notices, error: null }),
  noticeReceived: (notice) => set((s) => ({ notices: [...s.notices, notice] })),
  loadFailed: (message) => set({ error: message }),
}));
