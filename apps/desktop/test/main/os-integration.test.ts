import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { OsIntegration, type OsDeps } from '../../src/main/os-integration.js';

/** Electron's tray, menu, notifications and power blocker, mocked at the boundary. */
function fakes() {
  const state = {
    tooltip: '',
    menu: [] as MenuItemConstructorOptions[],
    blockers: new Set<number>(),
    shown: [] as { title: string; body: string; click: () => void }[],
  };
  let nextBlocker = 1;
  class Tray {
    setToolTip(t: string) {
      state.tooltip = t;
    }
    setContextMenu(m: MenuItemConstructorOptions[]) {
      state.menu = m;
    }
    on() {}
    destroy() {}
  }
  class Notification {
    static isSupported = () => true;
    private click = () => {};
    constructor(private readonly o: { title: string; body: string }) {}
    on(event: string, fn: () => void) {
      if (event === 'click') this.click = fn;
    }
    show() {
      state.shown.push({ title: this.o.title, body: this.o.body, click: this.click });
    }
  }
  const deps = {
    Tray,
    Menu: { buildFromTemplate: (t: MenuItemConstructorOptions[]) => t },
    Notification,
    powerSaveBlocker: {
      start: () => {
        const id = nextBlocker++;
        state.blockers.add(id);
        return id;
      },
      stop: (id: number) => state.blockers.delete(id),
    },
    icon: {},
  } as unknown as OsDeps;
  return { deps, state };
}

function setup() {
  const { deps, state } = fakes();
  const log: string[] = [];
  const os = new OsIntegration(deps, {
    showWindow: () => log.push('show'),
    changePresence: (change) => log.push(`presence:${JSON.stringify(change)}`),
    quit: () => log.push('quit'),
    notificationClicked: (id) => log.push(`clicked:${id}`),
  });
  return { os, state, log };
}

describe('OsIntegration', () => {
  it('shows registration state and presence in the tray, with show/presence/DND/quit', () => {
    const { os, state, log } = setup();
    os.createTray({ doNotDisturb: false, presence: 'available' });
    os.setRegistrationState('registered');
    expect(state.tooltip).toBe('Crokodialer — Ready for calls');
    os.showPresence({ doNotDisturb: true, presence: 'away' });
    expect(state.tooltip).toContain('do not disturb');
    const item = (label: string) => state.menu.find((i) => i.label === label)!;
    expect(item('Away').checked).toBe(true);
    expect(item('Available').checked).toBe(false);
    expect(item('Do not disturb').checked).toBe(true);
    const click = (label: string, checked?: boolean) =>
      item(label).click!({ checked } as never, undefined, {});
    click('Available');
    click('Do not disturb', false);
    click('Quit');
    expect(log).toEqual([
      'presence:{"presence":"available"}',
      'presence:{"doNotDisturb":false}',
      'quit',
    ]);
  });

  it('focuses the window when an incoming-call notification is clicked', () => {
    const { os, state, log } = setup();
    os.notifyIncomingCall('call-1', '+14155550100');
    expect(state.shown[0]).toMatchObject({ title: 'Incoming call', body: '+14155550100' });
    state.shown[0]!.click();
    expect(log).toEqual(['show', 'clicked:call-1']);
  });

  it('keeps the system awake exactly while a call is active', () => {
    const { os, state } = setup();
    os.setCallActive(true);
    os.setCallActive(true);
    expect(state.blockers.size).toBe(1);
    os.setCallActive(false);
    expect(state.blockers.size).toBe(0);
  });
});
