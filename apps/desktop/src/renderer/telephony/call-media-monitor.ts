import {
  qualityBetween,
  sampleFromStats,
  type CallQuality,
  type QualitySample,
} from './call-quality.js';
import type { Clock } from './ports.js';
import { TimerSet } from './timer-set.js';

export interface MediaMonitorConfig {
  /** How often a live call's stats are read. */
  pollMs: number;
  /** Quality is computed over intervals of about this length. */
  qualityIntervalMs: number;
  poorMos: number;
  /** Inbound RTP that has not grown for this long, while it should flow, counts as stalled. */
  stallMs: number;
}

export interface MediaMonitorDeps {
  clock: Clock;
  config: MediaMonitorConfig;
  onQuality(callId: string, quality: CallQuality): void;
  /**
   * The call's inbound media stopped while it should flow: on a dead network path this comes well
   * before any signalling timeout. Once per stall; again only after media has flowed since.
   */
  onStalled(callId: string): void;
}

interface Watched {
  stats: () => Promise<RTCStatsReport | undefined>;
  /** False while held or being reattached: no media is expected then. */
  flowing: () => boolean;
  qualityFrom: QualitySample | undefined;
  packets: number;
  progressAt: number;
  stalled: boolean;
}

/** Reads each live call's WebRTC stats: quality per interval, and media that stopped. */
export class CallMediaMonitor {
  private readonly watched = new Map<string, Watched>();
  private readonly timers: TimerSet<string>;

  constructor(private readonly deps: MediaMonitorDeps) {
    this.timers = new TimerSet(deps.clock);
  }

  get timerCount(): number {
    return this.timers.size;
  }

  watch(callId: string, stats: Watched['stats'], flowing: Watched['flowing']): void {
    if (this.watched.has(callId)) return;
    const now = this.deps.clock.now();
    this.watched.set(callId, {
      stats,
      flowing,
      qualityFrom: undefined,
      packets: 0,
      progressAt: now,
      stalled: false,
    });
    this.schedule(callId);
  }

  unwatch(callId: string): void {
    this.watched.delete(callId);
    this.timers.clear(callId);
  }

  stopAll(): void {
    this.watched.clear();
    this.timers.clearAll();
  }

  private schedule(callId: string): void {
    this.timers.set(callId, this.deps.config.pollMs, () => {
      void this.poll(callId).finally(() => {
        if (this.watched.has(callId)) this.schedule(callId);
      });
    });
  }

  private async poll(callId: string): Promise<void> {
    const w = this.watched.get(callId);
    if (!w) return;
    const report = await w.stats().catch(() => undefined);
    if (this.watched.get(callId) !== w) return;
    const now = this.deps.clock.now();
    const entries: Record<string, unknown>[] = [];
    report?.forEach((entry: Record<string, unknown>) => entries.push(entry));
    const sample = sampleFromStats(entries, now);
    this.checkFlow(callId, w, sample, report !== undefined);
    if (!report) return;
    const { qualityIntervalMs, poorMos } = this.deps.config;
    if (w.qualityFrom && now - w.qualityFrom.at < qualityIntervalMs) return;
    const quality = qualityBetween(w.qualityFrom, sample, poorMos);
    w.qualityFrom = sample;
    if (quality) this.deps.onQuality(callId, quality);
  }

  private checkFlow(callId: string, w: Watched, sample: QualitySample, measured: boolean): void {
    const now = sample.at;
    if (!w.flowing() || !measured) {
      // Nothing is expected (held, reattaching, no peer yet): the clock starts when it should flow.
      w.progressAt = now;
      w.packets = sample.packetsReceived;
      return;
    }
    if (sample.packetsReceived !== w.packets) {
      w.packets = sample.packetsReceived;
      w.progressAt = now;
      w.stalled = false;
      return;
    }
    if (!w.stalled && now - w.progressAt >= this.deps.config.stallMs) {
      w.stalled = true;
      this.deps.onStalled(callId);
    }
  }
}
