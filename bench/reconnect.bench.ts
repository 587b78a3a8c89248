/**
 * Reconnects: for each gateway fault (bench/reconnect/faults.ts), the time to notice it and the
 * time from the gateway's (or network's) return to registered, for the engine with its production
 * policies and for the bare SDK with default options, side by side in one Chromium against one
 * telnyx-sim, hit by the same fault at the same moment. During a call, also whether the call
 * survived and how soon after re-registration its audio was flowing again.
 */
import { DEFAULT_BACKOFF } from '../apps/desktop/src/renderer/telephony/backoff.js';
import type { Benchmark, Row } from './lib/report.js';
import { summarize } from './lib/stats.js';
import { AGENT_NUMBER, TelephonyWorld } from './lib/telephony-world.js';
import { faults, type Fault, type FaultContext } from './reconnect/faults.js';

/** Trials per fault: quick faults, the ~30 s half-open ones, the 60 s outages. */
const SCALE = {
  quick: Number(process.env.BENCH_RECONNECT_QUICK ?? 5),
  slow: Number(process.env.BENCH_RECONNECT_SLOW ?? 3),
  long: Number(process.env.BENCH_RECONNECT_LONG ?? 1),
};
const DESTINATION = '+15551230000';

interface Times {
  detectMs: number | null;
  registeredMs: number | null;
  survived?: boolean;
  mediaBackMs?: number | null;
}

interface TrialResult {
  engine: Times;
  sdk: Times;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(ms: number, check: () => Promise<T | null>): Promise<T | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null || Date.now() > deadline) return v;
    await sleep(100);
  }
}

async function trial(world: TelephonyWorld, fault: Fault): Promise<TrialResult> {
  await world.control('/faults/reset');
  const [engine, sdk] = await Promise.all([world.engine(), world.sdk()]);
  try {
    if (fault.inCall) {
      const dialled = await engine.agent.run(
        (a: string[]) => window.T.dial(a[0]!, a[1]!),
        [DESTINATION, AGENT_NUMBER],
      );
      if (!dialled.ok) throw new Error(`engine dial: ${dialled.message}`);
      engine.callId = dialled.callId;
      const sdkCallId = await sdk.agent.newCall({
        destinationNumber: DESTINATION,
        callerNumber: AGENT_NUMBER,
      });
      sdk.callId = sdkCallId;
      await Promise.all([
        engine.agent.waitCall(
          'engine call active',
          (s) => s.calls[dialled.callId]?.phase === 'active',
        ),
        sdk.agent.waitCallState(sdkCallId, 'active'),
      ]);
      await sleep(500);
    }
    const faultAt = Date.now();
    const engineDetect = async () =>
      (await engine.agent.snapshot()).transitions.find(
        (t) => t.at >= faultAt && t.state.status !== 'registered',
      )?.at ?? null;
    const sdkDetect = async () =>
      (await sdk.agent.events()).find(
        (e) => e.at >= faultAt && (e.type === 'socket.close' || e.type === 'error'),
      )?.at ?? null;
    const ctx: FaultContext = {
      world,
      engine,
      sdk,
      async bothDetected(ms) {
        await poll(ms, async () =>
          (await engineDetect()) !== null && (await sdkDetect()) !== null ? true : null,
        );
      },
    };
    const backAt = await fault.inject(ctx);
    // An outage's end is in the future when `inject` returns: wait from the return, not before.
    await sleep(Math.max(0, backAt - Date.now()));
    const engineRegistered = async () =>
      (await engine.agent.snapshot()).transitions.find(
        (t) => t.at >= backAt && t.state.status === 'registered',
      )?.at ?? null;
    const sdkReady = async () =>
      (await sdk.agent.events()).find((e) => e.at >= backAt && e.type === 'ready')?.at ?? null;
    await poll(fault.registerTimeoutMs, async () =>
      (await engineRegistered()) !== null && (await sdkReady()) !== null ? true : null,
    );
    const [eDet, sDet, eReg, sReg] = await Promise.all([
      engineDetect(),
      sdkDetect(),
      engineRegistered(),
      sdkReady(),
    ]);
    const result: TrialResult = {
      engine: { detectMs: eDet && eDet - faultAt, registeredMs: eReg && eReg - backAt },
      sdk: { detectMs: sDet && sDet - faultAt, registeredMs: sReg && sReg - backAt },
    };
    if (fault.inCall) {
      const engineId = engine.callId!;
      const sdkId = sdk.callId!;
      const enginePackets = async () => (await engine.agent.media(engineId))?.packetsReceived ?? 0;
      const sdkPackets = async () => (await sdk.agent.inboundAudio(sdkId)).packets;
      const mediaBack = async (reg: number | null, packets: () => Promise<number>) => {
        if (reg === null) return null;
        const base = await packets();
        const at = await poll(5_000, async () =>
          (await packets()) > base + 10 ? Date.now() : null,
        );
        return at === null ? null : Math.max(0, at - reg);
      };
      const [eMedia, sMedia] = await Promise.all([
        mediaBack(eReg, enginePackets),
        mediaBack(sReg, sdkPackets),
      ]);
      const eCall = (await engine.agent.snapshot()).calls[engineId];
      result.engine.survived = eCall?.phase === 'active';
      result.engine.mediaBackMs = eMedia;
      result.sdk.survived =
        (await sdk.agent.events()).filter((e) => e.id === sdkId).at(-1)?.state === 'active';
      result.sdk.mediaBackMs = sMedia;
    }
    return result;
  } finally {
    await Promise.all([engine.agent.close(false, fault.name), sdk.agent.close()]);
  }
}

/** Median and p95 of the trials that got there; `null` with a note when some never did. */
function stat(
  values: (number | null | undefined)[],
): { median: number; p95: number; missing: number } | null {
  const got = values.filter((v): v is number => typeof v === 'number');
  if (got.length === 0) return null;
  const s = summarize(got);
  return { median: s.median, p95: s.p95, missing: values.length - got.length };
}

const TARGETS: Record<string, { detectP95?: number; registeredP95?: number; mediaP95?: number }> = {
  'half-open gateway, idle': { detectP95: 10_000 },
  'half-open gateway during a call': { detectP95: 3_000, mediaP95: 2_000 },
  'connections refused 10 s': { registeredP95: DEFAULT_BACKOFF.capMs },
  'connections refused 60 s': { registeredP95: DEFAULT_BACKOFF.capMs },
  'handshake black-holed 60 s': { registeredP95: DEFAULT_BACKOFF.capMs },
  'network offline, then online': { registeredP95: 1_500 },
  'socket dropped during a call': { mediaP95: 2_000 },
};

export const reconnectBenchmark: Benchmark = {
  name: 'reconnect',
  describe: `Each gateway fault hits the engine (production policies) and the bare SDK (default options) at once, in one Chromium against telnyx-sim in the loopback-only namespace; ${SCALE.quick} trials per quick fault, ${SCALE.slow} per half-open or 10 s outage, ${SCALE.long} per 60 s outage.`,
  async run() {
    const world = await TelephonyWorld.start();
    const rows: Row[] = [];
    const notes: string[] = [];
    const failures: string[] = [];
    const raw: Record<string, TrialResult[]> = {};
    try {
      for (const fault of faults(SCALE)) {
        const results: TrialResult[] = [];
        for (let i = 0; i < fault.trials; i++) {
          try {
            results.push(await trial(world, fault));
          } catch (err) {
            failures.push(
              `${fault.name}, trial ${i + 1}: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
        }
        raw[fault.name] = results;
        console.log(`  ${fault.name}: ${JSON.stringify(results)}`);
        const target = TARGETS[fault.name] ?? {};
        const add = (
          what: string,
          pick: (t: TrialResult['engine']) => number | null | undefined,
          limit?: number,
        ) => {
          const e = stat(results.map((r) => pick(r.engine)));
          const s = stat(results.map((r) => pick(r.sdk)));
          if (!e) {
            notes.push(`${fault.name}: the engine never ${what} in ${results.length} trials.`);
            if (limit !== undefined)
              rows.push({
                metric: `${fault.name}: ${what}, p95`,
                unit: 'ms',
                project: NaN,
                baseline: s?.p95 ?? null,
                target: `≤ ${limit} ms`,
                pass: false,
              });
            return;
          }
          for (const q of ['median', 'p95'] as const)
            rows.push({
              metric: `${fault.name}: ${what}, ${q} (n=${results.length})`,
              unit: 'ms',
              project: e[q],
              baseline: s ? s[q] : null,
              ...(q === 'p95' && limit !== undefined
                ? { target: `≤ ${limit} ms`, pass: e.p95 <= limit && e.missing === 0 }
                : {}),
            });
          if (e.missing > 0)
            notes.push(
              `${fault.name}: the engine missed "${what}" in ${e.missing} of ${results.length} trials.`,
            );
          if (!s || s.missing > 0)
            notes.push(
              `${fault.name}: the bare SDK missed "${what}" in ${s ? s.missing : results.length} of ${results.length} trials (within the wait).`,
            );
        };
        add('detected', (t) => t.detectMs, target.detectP95);
        add('registered after the return', (t) => t.registeredMs, target.registeredP95);
        if (fault.inCall) {
          add('media flowing after re-registration', (t) => t.mediaBackMs, target.mediaP95);
          const survived = (k: 'engine' | 'sdk') => results.filter((r) => r[k].survived).length;
          notes.push(
            `${fault.name}: calls still active afterwards — engine ${survived('engine')}/${results.length}, SDK ${survived('sdk')}/${results.length}.`,
          );
        }
      }
    } finally {
      await world.stop();
    }
    notes.push(
      'Detected: from the fault to the first state change (engine) or socket close/error event (SDK). Registered: from the gateway’s return (the outage’s end, the silence lifted, REGED, the wake-up, the network back) to `registered` / `telnyx.ready`. Media: from registration until 10 more inbound packets were counted (polled every 100 ms, so an upper bound).',
      `The 60 s outages run ${SCALE.long} trial(s) each: their figures are single measurements, not percentiles.`,
    );
    return { rows, notes, failures, details: { scale: SCALE, trials: raw } };
  },
};
