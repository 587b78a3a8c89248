// The modules `npm run mutation` covers: each names its workspace, the files to mutate and the
// folder of its own unit tests. Add an entry to cover another module.
/** @type {Record<string, {workspace: string, testDir: string, mutate: string[], vitestConfig?: string}>} */
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
};
