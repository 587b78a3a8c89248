/** Test doubles for the engine's ports (unit tests only). */
import type { LoginMaterial, LoginMaterialProvider, SystemSignals, Unsubscribe } from '../ports.js';

export const HOST = 'ws://127.0.0.1:9';

export function tokenMaterial(token: string, expiresInMs: number, now = Date.now()): LoginMaterial {
  return { kind: 'token', token, expiresAt: new Date(now + expiresInMs).toISOString(), host: HOST };
}

export function credentialMaterial(login = 'agent1', password = 'pw-1'): LoginMaterial {
  return { kind: 'credentials', login, password, host: HOST };
}

/** Hands out the queued materials in order (the last one repeats); can be told to fail. */
export class ScriptedLogin implements LoginMaterialProvider {
  calls = 0;
  failing = false;

  constructor(private readonly queue: Array<() => LoginMaterial>) {}

  get(): Promise<LoginMaterial> {
    this.calls += 1;
    if (this.failing) return Promise.reject(new Error('main is unreachable'));
    const next = this.queue.length > 1 ? this.queue.shift() : this.queue[0];
    if (!next) return Promise.reject(new Error('no material scripted'));
    return Promise.resolve(next());
  }
}

export class FakeSignals implements SystemSignals {
  private readonly resume = new Set<() => void>();
  private readonly network = new Set<(online: boolean) => void>();
  private readonly focus = new Set<(focused: boolean) => void>();

  get listenerCount(): number {
    return this.resume.size + this.network.size + this.focus.size;
  }

  onResume(listener: () => void): Unsubscribe {
    this.resume.add(listener);
    return () => this.resume.delete(listener);
  }

  onNetworkChange(listener: (online: boolean) => void): Unsubscribe {
    this.network.add(listener);
    return () => this.network.delete(listener);
  }

  onFocusChange(listener: (focused: boolean) => void): Unsubscribe {
    this.focus.add(listener);
    return () => this.focus.delete(listener);
  }

  fireResume(): void {
    for (const l of this.resume) l();
  }

  fireNetwork(online: boolean): void {
    for (const l of this.network) l(online);
  }

  fireFocus(focused: boolean): void {
    for (const l of this.focus) l(focused);
  }
}
