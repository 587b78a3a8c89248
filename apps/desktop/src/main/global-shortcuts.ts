import type { SessionState, Settings, ShortcutAction, Shortcuts } from '@crokodialer/shared';

/** The part of Electron's `globalShortcut` this uses (index.ts hands in the real one). */
export interface ShortcutPort {
  register(accelerator: string, callback: () => void): boolean;
  unregisterAll(): void;
}

export interface GlobalShortcutsDeps {
  port: ShortcutPort;
  session: {
    current(): SessionState | null;
    onChange(listener: (state: SessionState) => void): () => void;
  };
  settings: {
    get(): Settings;
    onChange(listener: (settings: Settings) => void): () => void;
  };
  /** A registered shortcut was pressed. */
  fire(action: ShortcutAction): void;
  /** Shortcuts the OS refused (another app holds them) or that lack a modifier. */
  refused(actions: ShortcutAction[]): void;
}

const ACTIONS = ['answer', 'hangup', 'mute'] as const satisfies readonly ShortcutAction[];
const MODIFIERS = new Set([
  'commandorcontrol',
  'cmdorctrl',
  'command',
  'cmd',
  'control',
  'ctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

/**
 * True when the accelerator has at least one modifier and one key. The settings schema already
 * demands a modifier; main checks again because a global shortcut without one would swallow that
 * key in every app the agent types into.
 */
export function hasModifier(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  return (
    key !== '' &&
    !MODIFIERS.has(key.toLowerCase()) &&
    parts.length > 0 &&
    parts.every((p) => MODIFIERS.has(p.toLowerCase()))
  );
}

/**
 * The system-wide answer/hang-up/mute keys. They exist only while someone is signed in: a
 * signed-out softphone has no calls to act on and must not take keys from other apps. Registered
 * on sign-in and on a restored session, re-registered when the user changes them, released on
 * sign-out and on quit.
 */
export class GlobalShortcuts {
  /** What is registered now (JSON of the shortcuts), or null when nothing is. */
  private applied: string | null = null;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly deps: GlobalShortcutsDeps) {}

  start(): void {
    this.offs.push(
      this.deps.session.onChange(() => this.sync()),
      this.deps.settings.onChange(() => this.sync()),
    );
    this.sync();
  }

  /** Quit: release every key and stop listening. */
  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.release();
  }

  private sync(): void {
    if (this.deps.session.current()?.status !== 'signed-in') {
      this.release();
      return;
    }
    const shortcuts = this.deps.settings.get().shortcuts;
    const wanted = JSON.stringify(shortcuts);
    if (wanted === this.applied) return;
    this.deps.port.unregisterAll();
    this.applied = wanted;
    const refused = this.register(shortcuts);
    if (refused.length > 0) this.deps.refused(refused);
  }

  private register(shortcuts: Shortcuts): ShortcutAction[] {
    const refused: ShortcutAction[] = [];
    for (const action of ACTIONS) {
      const accelerator = shortcuts[action];
      if (accelerator === null) continue;
      let ok = false;
      try {
        ok =
          hasModifier(accelerator) &&
          this.deps.port.register(accelerator, () => this.deps.fire(action));
      } catch {
        ok = false; // an accelerator Electron cannot parse
      }
      if (!ok) refused.push(action);
    }
    return refused;
  }

  private release(): void {
    if (this.applied === null) return;
    this.deps.port.unregisterAll();
    this.applied = null;
  }
}
