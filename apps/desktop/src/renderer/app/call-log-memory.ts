import type { CallLogEvent, DialerApi } from '@crokodialer/shared';

/**
 * The last call-log event of each recent call, as the engine reported it to the outbox. The
 * after-call form amends that record (disposition, notes) instead of rebuilding it from the view.
 */
export class CallLogMemory {
  private readonly events = new Map<string, CallLogEvent>();

  constructor(private readonly limit = 50) {}

  remember(event: CallLogEvent): void {
    this.events.delete(event.id);
    this.events.set(event.id, event);
    // Oldest first in a Map: trim from the front.
    for (const id of this.events.keys()) {
      if (this.events.size <= this.limit) break;
      this.events.delete(id);
    }
  }

  get(logId: string): CallLogEvent | undefined {
    return this.events.get(logId);
  }

  clear(): void {
    this.events.clear();
  }

  /** `dialer` with every call-log enqueue remembered on its way to main. */
  wrap(dialer: DialerApi): DialerApi {
    return {
      ...dialer,
      callLogs: {
        ...dialer.callLogs,
        enqueue: (event) => {
          this.remember(event);
          return dialer.callLogs.enqueue(event);
        },
      },
    };
  }
}
