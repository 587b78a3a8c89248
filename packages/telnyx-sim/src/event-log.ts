// A bounded, ordered log of what the sim did, served at GET /sim/events for tests and demos.
// Entries never carry passwords or tokens (docs/architecture.md#secrets-in-logs: logs redact
// secrets).

export interface SimEvent {
  seq: number;
  at: string;
  type: string;
  [key: string]: unknown;
}

export class EventLog {
  private readonly entries: SimEvent[] = [];
  private seq = 0;

  constructor(private readonly limit = 5000) {}

  add(type: string, data: Record<string, unknown> = {}): SimEvent {
    this.seq += 1;
    const event: SimEvent = { ...data, seq: this.seq, at: new Date().toISOString(), type };
    this.entries.push(event);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return event;
  }

  since(seq = 0): SimEvent[] {
    return this.entries.filter((e) => e.seq > seq);
  }
}
