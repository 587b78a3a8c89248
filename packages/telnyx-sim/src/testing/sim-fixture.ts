// A sim for tests (this package's and other packages'): one credential connection with a routed
// phone number, fast dial-plan timings, no server pings, and fresh credentials per test.
import { randomBytes } from 'node:crypto';
import { startSim, type Sim, type StartSimOptions } from '../index.js';

export const TEST_CONNECTION_ID = 'conn-test';
/** Routed to the test connection: an inbound call to it rings the newest session of that connection. */
export const TEST_ROUTED_NUMBER = '+15557770100';
/** Owned by the test account: the caller ID outbound test calls present. */
export const TEST_CALLER_ID = '+15559870000';
/** The test connection's outbound voice profile (without one, outbound PSTN calls get SIP 403). */
export const TEST_OUTBOUND_PROFILE_ID = 'ovp-test';

export function startTestSim(options: StartSimOptions = {}): Promise<Sim> {
  return startSim({
    seed: {
      outbound_voice_profiles: [{ id: TEST_OUTBOUND_PROFILE_ID, name: 'test-outbound' }],
      connections: [
        {
          id: TEST_CONNECTION_ID,
          connection_name: 'test-connection',
          user_name: 'testconnection',
          password: 'connection-password',
          outbound_voice_profile_id: TEST_OUTBOUND_PROFILE_ID,
        },
      ],
      phone_numbers: [
        { phone_number: TEST_ROUTED_NUMBER, connection_id: TEST_CONNECTION_ID },
        { phone_number: TEST_CALLER_ID, connection_id: null },
      ],
    },
    pingIntervalMs: 0,
    timings: { ringMs: 200, noAnswerMs: 1500, earlyMediaMs: 800, remoteHangupMs: 2000 },
    ...options,
  });
}

export interface TestCredential {
  id: string;
  sipUsername: string;
  sipPassword: string;
}

/** A new credential on the test connection; unique names keep tests independent. */
export function newCredential(sim: Sim): TestCredential {
  const suffix = randomBytes(4).toString('hex');
  const created = sim.accounts.credentials.create({
    connectionId: TEST_CONNECTION_ID,
    sipUsername: `agent${suffix}`,
    sipPassword: `pw-${suffix}-secret`,
  });
  if (!created.ok) throw new Error(`credential not created: ${JSON.stringify(created.error)}`);
  const c = created.value;
  return { id: c.id, sipUsername: c.sipUsername, sipPassword: c.sipPassword };
}
