import type { AuthSession } from '@crokodialer/shared';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { ConfigError } from '../config.js';
import { withDevSecrets } from '../dev-secrets.js';

/**
 * `npm run seed:demo -w @crokodialer/api`: a demo org with an admin and two agents, each with a
 * WebRTC credential on telnyx-sim. Safe to run again (existing accounts are reused). Point it at a
 * running sim: TELNYX_BASE_URL=http://127.0.0.1:PORT/v2 TELNYX_API_KEY=… [TELNYX_PUBLIC_KEY=…]
 * [TELNYX_WEBRTC_HOST=ws://127.0.0.1:PORT]. Demo passwords are for local demos only. With `--json`
 * the last line is the demo org as JSON (`npm start` reads it to sign the desktop in and print it).
 */
const Env = z.object({
  TELNYX_BASE_URL: z.url({
    message: 'TELNYX_BASE_URL: set it to the sim REST URL, e.g. http://127.0.0.1:9090/v2',
  }),
  TELNYX_API_KEY: z.string().min(8, 'TELNYX_API_KEY: the sim API key (printed by telnyx-sim)'),
  TELNYX_PUBLIC_KEY: z.string().optional(),
  TELNYX_WEBRTC_HOST: z.string().optional(),
  DEMO_PASSWORD: z.string().min(10).default('demo-password-123'),
});

const PEOPLE = [
  { email: 'admin@demo.crokodialer.test', name: 'Demo Admin' },
  { email: 'alice@demo.crokodialer.test', name: 'Alice Agent' },
  { email: 'bob@demo.crokodialer.test', name: 'Bob Agent' },
];

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  const env = parsed.data;
  const app = await buildApp({
    env: withDevSecrets(process.env),
    config: {
      // The demo org is made on purpose by its operator, even where sign-up is closed.
      signupEnabled: true,
      telnyx: {
        baseUrl: env.TELNYX_BASE_URL,
        ...(env.TELNYX_WEBRTC_HOST ? { webrtcHost: env.TELNYX_WEBRTC_HOST } : {}),
      },
    },
  });
  try {
    const call = async <T>(
      method: 'GET' | 'POST' | 'PATCH',
      url: string,
      token: string | null,
      payload?: object,
    ): Promise<{ status: number; body: T }> => {
      const res = await app.inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload ? { payload } : {}),
      });
      return { status: res.statusCode, body: res.json<T>() };
    };
    const [adminPerson, ...agents] = PEOPLE;
    let admin = await call<AuthSession>('POST', '/api/auth/login', null, {
      email: adminPerson!.email,
      password: env.DEMO_PASSWORD,
    });
    if (admin.status !== 200) {
      // Sign-up answers 202 whatever happened (it never says whether the email was taken); the
      // sign-in after it tells.
      await call('POST', '/api/auth/signup', null, {
        orgName: 'Crokodialer Demo',
        name: adminPerson!.name,
        email: adminPerson!.email,
        password: env.DEMO_PASSWORD,
      });
      admin = await call<AuthSession>('POST', '/api/auth/login', null, {
        email: adminPerson!.email,
        password: env.DEMO_PASSWORD,
      });
    }
    if (admin.status !== 200) throw new Error(`demo admin: ${JSON.stringify(admin.body)}`);
    const token = admin.body.accessToken;
    const settings = await call('PATCH', '/api/org/settings', token, {
      telnyxApiKey: env.TELNYX_API_KEY,
      ...(env.TELNYX_PUBLIC_KEY ? { telnyxPublicKey: env.TELNYX_PUBLIC_KEY } : {}),
      ...(env.TELNYX_WEBRTC_HOST ? { webrtcHost: env.TELNYX_WEBRTC_HOST } : {}),
    });
    if (settings.status !== 200) throw new Error(`org settings: ${JSON.stringify(settings.body)}`);
    const existing = await call<Array<{ id: string; email: string; hasWebrtcCredential: boolean }>>(
      'GET',
      '/api/agents',
      token,
    );
    for (const person of agents) {
      let agent = existing.body.find((a) => a.email === person.email);
      if (!agent) {
        const created = await call<{ id: string; email: string; hasWebrtcCredential: boolean }>(
          'POST',
          '/api/agents',
          token,
          { ...person, password: env.DEMO_PASSWORD },
        );
        if (created.status !== 201)
          throw new Error(`agent ${person.email}: ${JSON.stringify(created.body)}`);
        agent = created.body;
      }
      if (!agent.hasWebrtcCredential) {
        const cred = await call('POST', `/api/agents/${agent.id}/webrtc-credential`, token);
        if (cred.status !== 201)
          throw new Error(`credential for ${person.email}: ${JSON.stringify(cred.body)}`);
      }
    }
    await call('POST', '/api/phone-numbers/sync', token);
    if (process.argv.includes('--json')) {
      const summary = {
        admin: adminPerson!.email,
        agents: agents.map((a) => a.email),
        password: env.DEMO_PASSWORD,
      };
      console.log(JSON.stringify(summary));
      return;
    }
    console.log('demo org ready:');
    for (const p of PEOPLE) console.log(`  ${p.email}  (password: ${env.DEMO_PASSWORD})`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
