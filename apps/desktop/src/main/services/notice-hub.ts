import type { Notice } from '@crokodialer/shared';

/**
 * Notices for the user (settings reset, outbox full, …). Raised before a renderer listens they are
 * kept (bounded) until `take()`; afterwards they go straight to the listeners.
 */
export class NoticeHub {
  private backlog: Notice[] = [];
  private readonly listeners = new Set<(n: Notice) => void>();

  publish = (notice: Notice): void => {
    this.backlog.push(notice);
    if (this.backlog.length > 50) this.backlog.shift();
    for (const l of this.listeners) l(notice);
  };

  take(): Notice[] {
    const out = this.backlog;
    this.backlog = [];
    return out;
  }

  subscribe(listener: (n: Notice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
