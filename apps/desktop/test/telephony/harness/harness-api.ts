// The contract between the e2e tests (Node) and the harness page (browser).
import type { SupervisorConfig } from '../../../src/renderer/telephony/supervisor.js';
import type { ConnectionState } from '../../../src/renderer/telephony/connection-state.js';
import type { CallLogEvent } from '../../../src/renderer/telephony/ports.js';
import type {
  CommandResult,
  DialResult,
} from '../../../src/renderer/telephony/telephony-engine.js';
import type { CallView } from '../../../src/renderer/telephony/telephony.store.js';

export interface MediaCounters {
  bytesReceived: number;
  packetsReceived: number;
  bytesSent: number;
  audioLevel: number;
}

export interface PageCounters {
  /** WebSockets not yet closed. */
  openSockets: number;
  socketsCreated: number;
  /** setTimeout/setInterval callbacks still pending in the page. */
  pageTimers: number;
  /** addEventListener minus removeEventListener on window and document. */
  windowListeners: number;
}

/** What the engine told main (tray, keep-awake, notifications). */
export interface HostReport {
  channel: string;
  args: unknown;
}

/** One connection state the engine went through, with the page's wall clock. */
export interface Transition {
  at: number;
  state: ConnectionState;
}

export interface HarnessSnapshot extends PageCounters {
  connection: ConnectionState;
  /** Every connection state so far, so a short-lived one is never missed by polling. */
  transitions: Transition[];
  calls: Record<string, CallView>;
  logs: CallLogEvent[];
  hostReports: HostReport[];
  /** How often the engine asked main for login material. */
  loginRequests: number;
  engineTimers: number;
}

export interface StartOptions {
  agentNumber: string;
  supervisor: Partial<SupervisorConfig>;
}

export interface HarnessApi {
  start(options: StartOptions): void;
  stop(): Promise<void>;
  snapshot(): HarnessSnapshot;
  dial(destination: string, callerNumber: string): DialResult;
  /** As the dial pad does: parseDialInput in `region`, then dialDestination, then dial. */
  dialInput(input: string, region: string, callerNumber: string): DialResult;
  answer(id: string): Promise<CommandResult>;
  hangup(id: string): Promise<CommandResult>;
  hold(id: string): Promise<CommandResult>;
  resume(id: string): Promise<CommandResult>;
  dtmf(id: string, digits: string): CommandResult;
  setMuted(id: string, muted: boolean): CommandResult;
  /** Flips do-not-disturb in main's settings, as the tray would. */
  setDoNotDisturb(on: boolean): void;
  retryNow(): void;
  fireResume(): void;
  media(callId: string): Promise<MediaCounters | null>;
  selectInputDevice(deviceId: string): Promise<void>;
  selectOutputDevice(deviceId: string): Promise<void>;
  devices(): { inputs: string[]; outputs: string[]; input: string; output: string };
  /** The input device the live call's microphone track comes from. */
  callInputDevice(callId: string): string | undefined;
  /** Pretend the OS lost a device: hide it from enumerateDevices and fire devicechange. */
  unplug(deviceId: string): void;
}
