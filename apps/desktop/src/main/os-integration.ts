import type { RegistrationState, Settings } from '@crokodialer/shared';

/** The part of the settings the tray shows and changes. */
export type TrayPresence = Pick<Settings, 'doNotDisturb' | 'presence'>;
import type {
  Menu as MenuType,
  MenuItemConstructorOptions,
  NativeImage,
  Notification as NotificationType,
  NotificationConstructorOptions,
  PowerSaveBlocker,
  Tray as TrayType,
} from 'electron';

/** Electron pieces handed in by the composition root (index.ts); nothing here imports electron. */
export interface OsDeps {
  Tray: new (image: NativeImage) => TrayType;
  Menu: { buildFromTemplate(t: MenuItemConstructorOptions[]): MenuType };
  Notification: (new (o: NotificationConstructorOptions) => NotificationType) & {
    isSupported(): boolean;
  };
  powerSaveBlocker: PowerSaveBlocker;
  icon: NativeImage;
}

export interface OsActions {
  showWindow(): void;
  /** A change made in the tray; it goes through the settings like any other. */
  changePresence(change: Partial<TrayPresence>): void;
  quit(): void;
  notificationClicked(callId: string): void;
}

const STATE_LABEL: Record<RegistrationState, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  registered: 'Ready for calls',
  reconnecting: 'Reconnecting…',
  'auth-failed': 'Sign-in failed',
  fatal: 'Not connected',
};

/** Tray, notifications and the keep-awake blocker of a softphone (shortcuts: global-shortcuts.ts). */
export class OsIntegration {
  private tray: TrayType | null = null;
  private blockerId: number | null = null;
  private state: RegistrationState = 'offline';
  private presence: TrayPresence = { doNotDisturb: false, presence: 'available' };
  private readonly notifications = new Set<NotificationType>();

  constructor(
    private readonly deps: OsDeps,
    private readonly actions: OsActions,
  ) {}

  createTray(presence: TrayPresence): void {
    this.presence = presence;
    this.tray = new this.deps.Tray(this.deps.icon);
    this.tray.on('click', () => this.actions.showWindow());
    this.refreshTray();
  }

  setRegistrationState(state: RegistrationState): void {
    this.state = state;
    this.refreshTray();
  }

  /** The settings changed (from the tray, a window or anywhere else): show what they say now. */
  showPresence(presence: TrayPresence): void {
    this.presence = { doNotDisturb: presence.doNotDisturb, presence: presence.presence };
    this.refreshTray();
  }

  private refreshTray(): void {
    if (!this.tray) return;
    const { doNotDisturb, presence } = this.presence;
    const label = `Crokodialer — ${STATE_LABEL[this.state]}${doNotDisturb ? ' (do not disturb)' : ''}`;
    this.tray.setToolTip(label);
    this.tray.setContextMenu(
      this.deps.Menu.buildFromTemplate([
        { label, enabled: false },
        { type: 'separator' },
        { label: 'Show Crokodialer', click: () => this.actions.showWindow() },
        {
          label: 'Available',
          type: 'radio',
          checked: presence === 'available',
          click: () => this.actions.changePresence({ presence: 'available' }),
        },
        {
          label: 'Away',
          type: 'radio',
          checked: presence === 'away',
          click: () => this.actions.changePresence({ presence: 'away' }),
        },
        {
          label: 'Do not disturb',
          type: 'checkbox',
          checked: doNotDisturb,
          click: (item) => this.actions.changePresence({ doNotDisturb: item.checked }),
        },
        { type: 'separator' },
        { label: 'Quit', click: () => this.actions.quit() },
      ]),
    );
  }

  /** An inbound call: a native notification whose click focuses the window. */
  notifyIncomingCall(callId: string, from: string): void {
    if (!this.deps.Notification.isSupported()) return;
    const n = new this.deps.Notification({
      title: 'Incoming call',
      body: from,
      urgency: 'critical',
      silent: true, // the renderer plays the ringtone on the chosen ringer device
    });
    this.notifications.add(n); // keep a reference, or the click handler may be collected
    n.on('click', () => {
      this.actions.showWindow();
      this.actions.notificationClicked(callId);
    });
    n.on('close', () => this.notifications.delete(n));
    n.show();
  }

  /** Keep the system awake while a call is live (display may sleep; the app may not). */
  setCallActive(active: boolean): void {
    if (active && this.blockerId === null) {
      this.blockerId = this.deps.powerSaveBlocker.start('prevent-app-suspension');
    } else if (!active && this.blockerId !== null) {
      this.deps.powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }

  dispose(): void {
    this.setCallActive(false);
    this.tray?.destroy();
    this.tray = null;
  }
}
