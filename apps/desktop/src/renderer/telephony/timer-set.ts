import type { Clock, TimerHandle } from './ports.js';

/**
 * Named one-shot timers: setting a name replaces its previous timer, so a reconnect can never leave
 * two heartbeats running ("no orphaned timers"). `size` is what leak tests look at.
 */
export class TimerSet<Name extends string> {
  private readonly handles = new Map<Name, TimerHandle>();

  constructor(private readonly clock: Clock) {}

  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    const handle = this.clock.setTimeout(() => {
      if (this.handles.get(name) === handle) this.handles.delete(name);
      fn();
    }, ms);
    this.handles.set(name, handle);
  }

  has(name: Name): boolean {
    return this.handles.has(name);
  }

  clear(name: Name): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(name);
  }

  clearAll(): void {
    for (const name of [...this.handles.keys()]) this.clear(name);
  }

  get size(): number {
    return this.handles.size;
  }
}
