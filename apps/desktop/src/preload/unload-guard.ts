/**
 * Keeps a reload from ending a live call. The Telnyx SDK hangs up every call on `beforeunload`
 * (`hangupOnBeforeUnload`, kept on so a real quit still tells the far end). This listener is
 * registered by the preload, before any page script, so while a call is live it can veto the
 * unload and stop the SDK's listener from running; main refuses the unload unless the user chose
 * to quit. Once main says the app is quitting, the SDK hangs up as usual.
 */
export class UnloadGuard {
  private live = false;
  private leaving = false;

  callActive(active: boolean): void {
    this.live = active;
  }

  quitting(): void {
    this.leaving = true;
  }

  beforeUnload(event: Pick<BeforeUnloadEvent, 'preventDefault' | 'stopImmediatePropagation'>) {
    if (!this.live || this.leaving) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  }
}
