import type { DialLink } from '@crokodialer/shared';
import { dialRequestFromLink } from './protocol-links.js';

/**
 * Dial links arrive before the renderer exists (first launch, macOS open-url before ready) or while
 * it runs (second instance). Until the renderer first asks (`dial-links:take-pending`), the latest
 * request waits here; afterwards each one goes out as `dial-links:on-dial`.
 */
export class DialLinkInbox {
  private pending: DialLink | null = null;
  private rendererReady = false;

  constructor(
    private readonly settings: () => { defaultRegion: string; autoDialLinks: boolean },
    private readonly emit: (request: DialLink) => void,
  ) {}

  /** Returns true when the link was something to dial. */
  receive(link: string, source: DialLink['source']): boolean {
    const request = dialRequestFromLink(link, { ...this.settings(), source });
    if (!request) return false;
    if (this.rendererReady) this.emit(request);
    else this.pending = request;
    return true;
  }

  takePending(): DialLink | null {
    this.rendererReady = true;
    const out = this.pending;
    this.pending = null;
    return out;
  }

  /** The window reloaded: hold links again until it asks. */
  rendererGone(): void {
    this.rendererReady = false;
  }
}
