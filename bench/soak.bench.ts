/**
 * Soak: forced reconnect cycles (the gateway drops every socket) and whole calls (dial, audio,
 * hang up) in one renderer, the engine beside the bare SDK in the same Chromium. After a forced
 * GC (DevTools `HeapProfiler.collectGarbage`), the JS heap, DOM nodes and JS event listeners
 * (`Memory.getDOMCounters`) at the start and the end; for the engine also its sockets and timers.
 * The engine runs the e2e tier's fast policies (apps/desktop/test/telephony/harness): this
 * measures what piles up, not how long a reconnect takes.
 */
import type { Page } from 'playwright-core';
import { TEST_SUPERVISOR } from '../apps/desktop/test/telephony/harness/e2e-harness.js';
import type { Benchmark, Row } from './lib/report.js';
import {
  AGENT_NUMBER,
  TelephonyWorld,
  type EngineAgent,
  type SdkAgent,
} from './lib/telephony-world.js';

const CYCLES = Number(process.env.BENCH_SOAK_CYCLES ?? 150);
const CALLS = Number(process.env.BENCH_SOAK_CALLS ?? 50);
const HEAP_TARGET_MB = 5;
const DESTINATION = '+15551230000';

interface Memory {
  heapMB: number;
  nodes: number;
  listeners: number;
}

async function memory(page: Page): Promise<Memory> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    return {
      heapMB: Math.round((heap.usedSize / 2 ** 20) * 100) / 100,
      nodes: dom.nodes,
      listeners: dom.jsEventListeners,
    };
  } finally {
    await cdp.detach();
  }
}

async function engineCounters(agent: EngineAgent) {
  const s = await agent.snapshot();
  return {
    openSockets: s.openSockets,
    pageTimers: s.pageTimers,
    windowListeners: s.windowListeners,
    engineTimers: s.engineTimers,
  };
}

async function cycle(world: TelephonyWorld, engine: EngineAgent, sdk: SdkAgent): Promise<void> {
  const sockets = (await engine.snapshot()).socketsCreated;
  const events = await sdk.eventCount();
  await world.control('/faults/drop-sockets');
  await Promise.all([
    engine.waitCall(
      'registered on a new socket',
      (s) => s.socketsCreated > sockets && s.connection.status === 'registered',
      20_000,
    ),
    sdk.waitReady(20_000, events),
  ]);
}

async function call(engine: EngineAgent, sdk: SdkAgent): Promise<void> {
  // A dial while the engine is between sockets is refused by design: start from registered.
  await engine.waitConnection('registered', 20_000);
  const dialled = await engine.run(
    (a: string[]) => window.T.dial(a[0]!, a[1]!),
    [DESTINATION, AGENT_NUMBER],
  );
  if (!dialled.ok) throw new Error(`engine dial: ${dialled.message}`);
  const sdkId = await sdk.newCall({ destinationNumber: DESTINATION, callerNumber: AGENT_NUMBER });
  await Promise.all([
    engine.waitCall(
      'engine call active',
      (s) => s.calls[dialled.callId]?.phase === 'active',
      15_000,
    ),
    sdk.waitCallState(sdkId, 'active', 15_000),
  ]);
  await engine.run((id: string) => window.T.hangup(id), dialled.callId);
  await sdk.call('hangup', sdkId);
  await Promise.all([
    engine.waitCall(
      'engine call ended',
      (s) => s.calls[dialled.callId] === undefined || s.calls[dialled.callId]?.phase === 'ended',
      15_000,
    ),
    sdk.waitEvent(
      'SDK call over',
      (e) => e.id === sdkId && (e.state === 'destroy' || e.state === 'purge'),
      15_000,
    ),
  ]);
}

export const soakBenchmark: Benchmark = {
  name: 'soak',
  describe: `${CYCLES} forced reconnect cycles and ${CALLS} calls in one renderer, the engine beside the bare SDK (scale: BENCH_SOAK_CYCLES, BENCH_SOAK_CALLS).`,
  async run() {
    const world = await TelephonyWorld.start();
    const failures: string[] = [];
    try {
      const [{ agent: engine }, { agent: sdk }] = await Promise.all([
        world.engine(TEST_SUPERVISOR),
        world.sdk(),
      ]);
      // Warm-up: lazily made state (a first reconnect, a first call) belongs in the baseline.
      await cycle(world, engine, sdk);
      await call(engine, sdk);
      const hostBefore = process.memoryUsage().rss;
      const before = {
        engine: await memory(engine.page),
        sdk: await memory(sdk.page),
        counters: await engineCounters(engine),
      };
      const t0 = Date.now();
      for (let i = 0; i < CYCLES; i++) await cycle(world, engine, sdk);
      const cyclesS = (Date.now() - t0) / 1000;
      const t1 = Date.now();
      for (let i = 0; i < CALLS; i++) await call(engine, sdk);
      const callsS = (Date.now() - t1) / 1000;
      await new Promise((r) => setTimeout(r, 2_000));
      const after = {
        engine: await memory(engine.page),
        sdk: await memory(sdk.page),
        counters: await engineCounters(engine),
      };
      const hostAfter = process.memoryUsage().rss;
      const d = (k: keyof Memory) => ({
        engine: Math.round((after.engine[k] - before.engine[k]) * 100) / 100,
        sdk: Math.round((after.sdk[k] - before.sdk[k]) * 100) / 100,
      });
      const heap = d('heapMB');
      const nodes = d('nodes');
      const listeners = d('listeners');
      const rows: Row[] = [
        {
          metric: 'renderer JS heap growth after forced GC',
          unit: 'MB',
          project: heap.engine,
          baseline: heap.sdk,
          target: `< ${HEAP_TARGET_MB} MB`,
          pass: heap.engine < HEAP_TARGET_MB,
        },
        {
          metric: 'DOM nodes, end − start',
          unit: 'nodes',
          project: nodes.engine,
          baseline: nodes.sdk,
        },
        {
          metric: 'JS event listeners, end − start',
          unit: 'listeners',
          project: listeners.engine,
          baseline: listeners.sdk,
          target: 'flat (≤ 0)',
          pass: listeners.engine <= 0,
        },
        {
          metric: 'open WebSockets at the end (engine)',
          unit: 'sockets',
          project: after.counters.openSockets,
          baseline: null,
          target: '1',
          pass: after.counters.openSockets === 1,
        },
        {
          metric: 'pending page timers, end − start (engine)',
          unit: 'timers',
          project: after.counters.pageTimers - before.counters.pageTimers,
          baseline: null,
          target: 'flat (≤ 0)',
          pass: after.counters.pageTimers <= before.counters.pageTimers,
        },
        {
          metric: 'window/document listeners, end − start (engine)',
          unit: 'listeners',
          project: after.counters.windowListeners - before.counters.windowListeners,
          baseline: null,
          target: 'flat (≤ 0)',
          pass: after.counters.windowListeners <= before.counters.windowListeners,
        },
        {
          metric: 'bench process (sim + driver) RSS growth',
          unit: 'MB',
          project: Math.round((hostAfter - hostBefore) / 2 ** 19) / 2,
          baseline: null,
        },
      ];
      return {
        rows,
        notes: [
          `${CYCLES} cycles took ${cyclesS} s and ${CALLS} calls ${callsS} s (both sides at once: each step waits for the slower).`,
          `Heap after GC at the start: engine ${before.engine.heapMB} MB, SDK ${before.sdk.heapMB} MB; at the end ${after.engine.heapMB} / ${after.sdk.heapMB} MB.`,
          'The web-mode host (main’s services behind the WebSocket bridge) is not part of this page; the bench process figure is telnyx-sim plus the driver.',
        ],
        failures,
        details: { before, after, scale: { cycles: CYCLES, calls: CALLS } },
      };
    } finally {
      await world.stop();
    }
  },
};
