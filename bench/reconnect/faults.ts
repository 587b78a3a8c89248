/**
 * The gateway faults the reconnect benchmark injects through telnyx-sim's `/sim/faults/*`, each
 * hitting the engine and the bare SDK at the same moment. `inject` resolves to the moment the
 * gateway (or the network) is back, from which registration is timed.
 */
import type { EngineAgent, SdkAgent, Side, TelephonyWorld } from '../lib/telephony-world.js';

export interface FaultContext {
  world: TelephonyWorld;
  engine: Side<EngineAgent>;
  sdk: Side<SdkAgent>;
  /** Resolves once both sides noticed the fault, or after `ms` (whichever first). */
  bothDetected(ms: number): Promise<void>;
}

export interface Fault {
  name: string;
  trials: number;
  inCall?: boolean;
  /** How long to wait for registration after the gateway's return before giving up. */
  registerTimeoutMs: number;
  inject(ctx: FaultContext): Promise<number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Refuses (or black-holes) new connections for `seconds` and drops the open ones. */
async function outage(
  ctx: FaultContext,
  kind: 'refuse-connections' | 'black-hole',
  seconds: number,
): Promise<number> {
  const { until } = await ctx.world.control<{ until: string }>(`/faults/${kind}`, { seconds });
  await ctx.world.control('/faults/drop-sockets');
  return Date.parse(until);
}

/** A silent gateway (sockets open, nothing answered) until both sides notice; then answering. */
async function halfOpen(ctx: FaultContext): Promise<number> {
  const stops = [ctx.engine.callId, ctx.sdk.callId]
    .filter((id): id is string => id !== undefined)
    .map((id) => ctx.world.control(`/calls/${id}/stop-media`));
  // A dead path: signalling goes silent and the call's media stops with it.
  await Promise.all([ctx.world.control('/faults/silent', { enabled: true }), ...stops]);
  await ctx.bothDetected(45_000);
  await ctx.world.control('/faults/silent', { enabled: false });
  return Date.now();
}

export function faults(scale: { quick: number; slow: number; long: number }): Fault[] {
  const { quick, slow, long } = scale;
  return [
    {
      name: 'socket dropped',
      trials: quick,
      registerTimeoutMs: 40_000,
      async inject(ctx) {
        await ctx.world.control('/faults/drop-sockets');
        return Date.now();
      },
    },
    {
      name: 'socket dropped during a call',
      trials: quick,
      inCall: true,
      registerTimeoutMs: 40_000,
      async inject(ctx) {
        await ctx.world.control('/faults/drop-sockets');
        return Date.now();
      },
    },
    { name: 'half-open gateway, idle', trials: slow, registerTimeoutMs: 40_000, inject: halfOpen },
    {
      name: 'half-open gateway during a call',
      trials: slow,
      inCall: true,
      registerTimeoutMs: 40_000,
      inject: halfOpen,
    },
    {
      name: 'connections refused 10 s',
      trials: slow,
      registerTimeoutMs: 40_000,
      inject: (ctx) => outage(ctx, 'refuse-connections', 10),
    },
    {
      name: 'connections refused 60 s',
      trials: long,
      registerTimeoutMs: 60_000,
      inject: (ctx) => outage(ctx, 'refuse-connections', 60),
    },
    {
      name: 'handshake black-holed 60 s',
      trials: long,
      registerTimeoutMs: 60_000,
      inject: (ctx) => outage(ctx, 'black-hole', 60),
    },
    {
      name: 'punt',
      trials: slow,
      // The bare SDK never comes back from a punt (docs/telnyx-protocol.md#punt): wait less.
      registerTimeoutMs: 20_000,
      async inject(ctx) {
        await Promise.all(
          [ctx.engine, ctx.sdk].map((s) =>
            ctx.world.control('/faults/punt', { credentialId: s.credentialId }),
          ),
        );
        return Date.now();
      },
    },
    {
      name: 'gateway FAILED',
      trials: slow,
      registerTimeoutMs: 20_000,
      async inject(ctx) {
        await ctx.world.control('/faults/gateway-state', { state: 'FAILED' });
        await ctx.bothDetected(10_000);
        await ctx.world.control('/faults/gateway-state', { state: 'REGED' });
        return Date.now();
      },
    },
    {
      name: 'resume from sleep',
      trials: quick,
      registerTimeoutMs: 40_000,
      async inject(ctx) {
        // Asleep: the socket died and the first retries failed; the gateway is back on waking.
        const back = await outage(ctx, 'refuse-connections', 3);
        await sleep(Math.max(0, back - Date.now()) + 100);
        await ctx.engine.agent.run(() => window.T.fireResume());
        return Date.now();
      },
    },
    {
      name: 'network offline, then online',
      trials: quick,
      registerTimeoutMs: 40_000,
      async inject(ctx) {
        const contexts = [ctx.engine.agent.context, ctx.sdk.agent.context];
        await Promise.all(contexts.map((c) => c.setOffline(true)));
        await outage(ctx, 'refuse-connections', 60);
        await ctx.bothDetected(5_000);
        await sleep(2_000);
        await ctx.world.control('/faults/reset');
        await Promise.all(contexts.map((c) => c.setOffline(false)));
        return Date.now();
      },
    },
  ];
}
