import { randomUUID } from 'node:crypto';
import type { AuthSession } from '@crokodialer/shared';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookAt } from './helpers/look';
import { call, ensureConsoleBuilt, startStack, type Stack } from './helpers/stack';

/**
 * The admin console end to end: real Chromium, the built console served by the real API at /admin,
 * telnyx-sim as Telnyx. One admin journey, in order, as a person would do it.
 */
let stack: Stack;
let browser: Browser;
let adminCtx: BrowserContext;
let page: Page;
const ADMIN = { email: 'boss@example.test', password: 'admin password 1' };
const a11y: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  const dist = await ensureConsoleBuilt();
  [stack, browser] = await Promise.all([startStack(dist), launchChromium()]);
  await call(`${stack.url}/api/auth/signup`, 'POST', {
    orgName: 'Acme Sales',
    name: 'Dana Admin',
    ...ADMIN,
  });
  adminCtx = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  page = await adminCtx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name }).click();

describe('admin console', () => {
  it('an admin signs in; the refresh token is an httpOnly SameSite=Strict cookie on the auth path', async () => {
    await page.goto(`${stack.url}/admin/`);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Crokodialer admin' }).count())
      .toBe(1);
    a11y.push(...(await lookAt(page, '00-sign-in')));
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    const cookies = await adminCtx.cookies();
    const rt = cookies.find((c) => c.name === 'croko_rt');
    expect(rt).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/browser' });
    // The page's script can read the CSRF echo but never the refresh token.
    const readable = await page.evaluate(() => document.cookie);
    expect(readable).toContain('croko_csrf=');
    expect(readable).not.toContain('croko_rt');
    // The access token is in memory only: nothing in web storage.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toMatch(/ey[A-Za-z0-9_-]{10,}\./);

    // A reload keeps the admin signed in (the cookie refreshes the session).
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('connects Telnyx in settings: the key is write-only; the webhook test reaches this server', async () => {
    await nav('Settings');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('API key').fill(stack.sim.apiKey);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByText('set', { exact: true }).waitFor();
    expect(await page.getByTestId('api-key-state').innerText()).toMatch(/set on \S+/);
    expect(await page.getByLabel('Replace API key').inputValue()).toBe('');
    await page.getByTestId('credential-connection-state').getByText('missing').waitFor();
    await page.getByRole('button', { name: 'Provision now' }).click();
    await page.getByTestId('credential-connection-state').getByText('provisioned').waitFor();
    await page.getByTestId('outbound-profile-state').getByText('provisioned').waitFor();

    // The disposition list and the rule agents follow.
    await page.getByRole('button', { name: 'Remove voicemail' }).click();
    await page.getByLabel('New disposition').fill('Call back later');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Require a disposition after every call').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const org = await stack.api.services.db
      .selectFrom('org_settings')
      .select(['dispositions', 'require_disposition'])
      .executeTakeFirstOrThrow();
    expect(org.require_disposition).toBe(true);
    expect(org.dispositions).toContain('call-back-later');
    expect(org.dispositions).not.toContain('voicemail');
    expect(await page.content()).not.toContain(stack.sim.apiKey);
    await page.getByRole('button', { name: 'Send a test' }).click();
    await page.getByText(/Reachable: this server answered/).waitFor();
    a11y.push(...(await lookAt(page, '05-settings')));
  });

  it('syncs the org’s numbers from Telnyx', async () => {
    await nav('Numbers');
    await page.getByRole('button', { name: 'Sync from Telnyx' }).click();
    await page.getByRole('cell', { name: '+15550100002', exact: true }).waitFor();
  });

  it('creates an agent with a temporary password shown once, and provisions a WebRTC credential', async () => {
    await nav('Agents');
    await page.getByRole('button', { name: 'New agent' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Alice Agent');
    await dialog.getByLabel('Email').fill('alice@example.test');
    await dialog.getByRole('checkbox', { name: '+15550100001' }).check();
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    const password = await dialog.getByTestId('temporary-password').innerText();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    a11y.push(...(await lookAt(page, '03-agent-created')));
    await dialog.getByRole('button', { name: 'Done' }).click();
    process.env.CROKO_E2E_AGENT_PASSWORD = password;

    await page.getByRole('button', { name: 'Edit Alice Agent' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Provision credential' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).waitFor();
    const agents = await stack.api.services.db
      .selectFrom('webrtc_credentials')
      .select('telnyx_credential_id')
      .execute();
    expect(agents).toHaveLength(1);
    expect(stack.sim.accounts.credentialById(agents[0]!.telnyx_credential_id)?.status).toBe(
      'active',
    );
    a11y.push(...(await lookAt(page, '04-agent-credential')));
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page
      .getByRole('row', { name: /Alice Agent/ })
      .getByText('Active')
      .waitFor();
    a11y.push(...(await lookAt(page, '02-agents')));
  });

  it('invites an agent: the link is shown once; the invitee sets a password; the link then fails', async () => {
    await page.getByRole('button', { name: 'Invite agent' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Ivy Invitee');
    await dialog.getByLabel('Email').fill('ivy@example.test');
    await dialog.getByRole('button', { name: 'Create invite link' }).click();
    const link = await dialog.getByTestId('invite-link').innerText();
    expect(link).toMatch(new RegExp(`^${stack.url}/admin/#invite=[A-Za-z0-9_-]{43}$`));
    a11y.push(...(await lookAt(page, '03b-invite-link')));
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('region', { name: 'Pending invites' })
      .getByRole('cell', { name: /Ivy Invitee/ })
      .first()
      .waitFor();
    await page
      .getByRole('row', { name: /Ivy Invitee.*invited/ })
      .first()
      .waitFor();
    a11y.push(...(await lookAt(page, '02b-agents-invited')));

    // The invitee, in their own browser, with no session.
    const ctx = await browser.newContext();
    try {
      const invitee = await ctx.newPage();
      await invitee.goto(link);
      await invitee.getByText('Ivy Invitee, you are invited to Acme Sales').waitFor();
      a11y.push(...(await lookAt(invitee, '11-accept-invite')));
      await invitee.getByLabel('New password').fill('ivy password 123');
      await invitee.getByLabel('Repeat password').fill('ivy password 124');
      await invitee.getByRole('button', { name: 'Set password' }).click();
      await invitee.getByText('The two passwords differ.').waitFor();
      await invitee.getByLabel('Repeat password').fill('ivy password 123');
      await invitee.getByRole('button', { name: 'Set password' }).click();
      await invitee
        .getByText('Your password is set. Sign in to the Crokodialer app as ivy@example.test')
        .waitFor();
      // The same link again: it says it was used, and how to go on.
      await invitee.reload();
      await invitee.getByText('This invite was already used.').waitFor();
      a11y.push(...(await lookAt(invitee, '12-invite-used')));
    } finally {
      await ctx.close();
    }
    await call(`${stack.url}/api/auth/login`, 'POST', {
      email: 'ivy@example.test',
      password: 'ivy password 123',
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Agents' }).waitFor();
    expect(await page.getByRole('region', { name: 'Pending invites' }).count()).toBe(0);
    await page.getByRole('row', { name: /Ivy Invitee.*offline/ }).waitFor();
  });

  it('routes a number to an agent, then a ring group in its order, then a spoken message', async () => {
    await nav('Numbers');
    // A ring group: Alice then Ivy, reordered so Ivy rings first.
    await page.getByRole('button', { name: 'New ring group' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Sales floor');
    for (const who of ['Alice Agent', 'Ivy Invitee']) {
      await dialog.getByLabel('Agent to add').selectOption({ label: who });
      await dialog.getByRole('button', { name: 'Add member' }).click();
    }
    await dialog.getByRole('button', { name: 'Move Ivy Invitee up' }).click();
    expect(
      await dialog.getByRole('list', { name: 'Members' }).getByRole('listitem').allInnerTexts(),
    ).toEqual([
      expect.stringContaining('1. Ivy Invitee'),
      expect.stringContaining('2. Alice Agent'),
    ]);
    a11y.push(...(await lookAt(page, '06b-ring-group')));
    await dialog.getByRole('button', { name: 'Save ring group' }).click();
    await page.getByRole('cell', { name: 'Ivy Invitee → Alice Agent' }).waitFor();

    await page.getByRole('button', { name: 'Route +15550100002' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('First, ring agent').selectOption({ label: 'Alice Agent' });
    await dialog.getByLabel('Then, ring group').selectOption({ label: 'Sales floor (2 members)' });
    await dialog.getByLabel('Ring each person for (seconds)').fill('15');
    await dialog.getByLabel('If nobody answers, say').fill('We are closed. Call again tomorrow.');
    a11y.push(...(await lookAt(page, '06c-route')));
    await dialog.getByRole('button', { name: 'Save route' }).click();
    await page
      .getByRole('cell', {
        name: 'Alice Agent, then Sales floor, then the message and hang-up (15 s each)',
      })
      .waitFor();
    const db = stack.api.services.db;
    const routed = await db
      .selectFrom('phone_numbers')
      .innerJoin('ring_groups', 'ring_groups.id', 'phone_numbers.inbound_ring_group_id')
      .innerJoin('users', 'users.id', 'phone_numbers.inbound_agent_id')
      .select(['users.name', 'ring_timeout_secs', 'fallback_message', 'member_ids'])
      .where('phone_number', '=', '+15550100002')
      .executeTakeFirstOrThrow();
    const ivy = await db
      .selectFrom('users')
      .select('id')
      .where('name', '=', 'Ivy Invitee')
      .executeTakeFirstOrThrow();
    expect(routed).toMatchObject({
      name: 'Alice Agent',
      ring_timeout_secs: 15,
      fallback_message: 'We are closed. Call again tomorrow.',
    });
    expect(routed.member_ids[0]).toBe(ivy.id);
    // The "Caller ID for" cell of the agent's own number.
    const callerIdCell = page
      .getByRole('row', { name: /\+15550100001/ })
      .locator('td')
      .nth(1);
    await expect.poll(() => callerIdCell.innerText()).toBe('Alice Agent');
    a11y.push(...(await lookAt(page, '06-numbers')));
  });

  it('sees the team’s calls, a call’s timeline, and the dashboard', async () => {
    const alice = await call<AuthSession>(`${stack.url}/api/auth/login`, 'POST', {
      email: 'alice@example.test',
      password: process.env.CROKO_E2E_AGENT_PASSWORD,
    });
    const id = randomUUID();
    const started = new Date(Date.now() - 3_600_000).toISOString();
    const base = { id, direction: 'outbound', from: '+15550100001', to: '+4930123456' };
    for (const status of ['initiated', 'ringing', 'connected', 'completed'])
      await call(
        `${stack.url}/api/call-logs`,
        'POST',
        {
          ...base,
          status,
          startedAt: started,
          ...(status === 'completed' ? { durationSeconds: 95 } : {}),
        },
        alice.accessToken,
      );
    for (let i = 0; i < 40; i++)
      await call(
        `${stack.url}/api/call-logs`,
        'POST',
        {
          id: randomUUID(),
          direction: i % 3 === 0 ? 'inbound' : 'outbound',
          from: '+15550100001',
          to: `+49301234${String(i).padStart(2, '0')}`,
          status: ['completed', 'missed', 'no-answer', 'busy'][i % 4],
          startedAt: new Date(Date.now() - (i + 2) * 7_200_000).toISOString(),
          durationSeconds: i % 4 === 0 ? 30 + i * 7 : null,
        },
        alice.accessToken,
      );

    await nav('Team calls');
    await page.getByText('41 calls — select one for its detail').waitFor();
    await page.getByRole('row', { name: /\+4930123456 .*completed/ }).click();
    const detail = page.getByRole('dialog', { name: 'Call detail' });
    const timeline = detail.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('status → completed').waitFor();
    expect(await timeline.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('status → initiated'),
      expect.stringContaining('status → ringing'),
      expect.stringContaining('status → connected'),
      expect.stringContaining('status → completed'),
    ]);
    a11y.push(...(await lookAt(page, '08-call-detail')));
    await detail.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Filter to missed calls only: the count follows, and the export is that same filter.
    await page.getByLabel('Outcome').selectOption('missed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('10 calls — select one for its detail').waitFor();
    a11y.push(...(await lookAt(page, '07-team-calls')));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(11);
    expect(csv.slice(1).every((line) => line.includes('missed'))).toBe(true);

    await nav('Dashboard');
    await page.getByText('Answer rate').waitFor();
    const calls = page.locator('.card', { hasText: 'Calls' }).locator('.stat-value').first();
    await expect.poll(() => calls.innerText()).toBe('41');
    await page.getByRole('img', { name: 'Calls per day by outcome' }).locator('canvas').waitFor();
    a11y.push(...(await lookAt(page, '01-dashboard')));
  });

  it('filters the audit log', async () => {
    await nav('Audit log');
    await page.getByRole('cell', { name: 'org-settings.updated' }).first().waitFor();
    await page.getByLabel('Target').selectOption('agent');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'org-settings.updated' }).count())
      .toBe(0);
    expect(await page.getByRole('cell', { name: /webrtc-credential/ }).count()).toBeGreaterThan(0);
    a11y.push(...(await lookAt(page, '09-audit')));
  });

  it('an agent who opens the console gets the admins-only page and no session', async () => {
    const ctx = await browser.newContext();
    try {
      const agentPage = await ctx.newPage();
      await agentPage.goto(`${stack.url}/admin/`);
      await agentPage.getByLabel('Email').fill('alice@example.test');
      await agentPage.getByLabel('Password').fill(process.env.CROKO_E2E_AGENT_PASSWORD ?? '');
      await agentPage.getByRole('button', { name: 'Sign in' }).click();
      await agentPage.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect((await ctx.cookies()).find((c) => c.name === 'croko_rt')?.value ?? '').toBe('');
      a11y.push(...(await lookAt(agentPage, '10-admins-only')));
    } finally {
      await ctx.close();
    }
  });

  it('signs out everywhere: the next reload is the sign-in page', async () => {
    await page.getByRole('button', { name: /Account/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('every screen in both themes has no serious or critical axe violation, and no CSP violation', () => {
    expect(a11y).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
