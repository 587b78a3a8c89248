// The modules `npm run mutation` covers: each names its workspace, the files to mutate and its own
// unit tests (a folder, or `tests` globs when they live beside others that need a keychain or the
// real API). Add an entry to cover another module.
/** @type {Record<string, {workspace: string, testDir?: string, tests?: string[], mutate: string[]}>} */
export const MODULES = {
  'call-model': {
    workspace: 'packages/shared',
    testDir: 'src/call',
    mutate: ['src/call/**/*.ts', '!src/call/**/*.test.ts', '!src/call/testing/**'],
  },
  'dial-input': {
    workspace: 'packages/shared',
    testDir: 'src/phone',
    mutate: [
      'src/phone/parse-dial-input.ts',
      'src/phone/format-dial-input.ts',
      'src/phone/characters.ts',
      'src/phone/short-numbers.ts',
      'src/phone/dial-input-messages.ts',
    ],
  },
  telephony: {
    workspace: 'apps/desktop',
    testDir: 'src/renderer/telephony',
    mutate: [
      'src/renderer/telephony/supervisor.ts',
      'src/renderer/telephony/backoff.ts',
      'src/renderer/telephony/heartbeat-policy.ts',
      'src/renderer/telephony/token-refresh.ts',
      'src/renderer/telephony/call-quality.ts',
      'src/renderer/telephony/call-media-monitor.ts',
      'src/renderer/telephony/dial-destination.ts',
      'src/renderer/telephony/ice-policy.ts',
      'src/renderer/telephony/timer-set.ts',
    ],
  },
  outbox: {
    workspace: 'apps/desktop',
    tests: [
      'test/services/call-log-outbox.test.ts',
      'test/services/outbox-store.test.ts',
      'test/services/outbox-delivery.test.ts',
      'test/services/outbox-background.test.ts',
      'test/services/outbox-policy.test.ts',
    ],
    mutate: [
      'src/main/services/call-log-outbox.ts',
      'src/main/services/outbox-store.ts',
      'src/main/services/outbox-policy.ts',
    ],
  },
};
