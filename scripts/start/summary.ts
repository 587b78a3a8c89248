/** The demo org as seed-demo prints it with --json (demo data: these passwords are not secrets). */
export interface DemoOrg {
  admin: string;
  agents: string[];
  password: string;
}

export interface Summary {
  dataDir: string;
  apiUrl: string;
  simUrl: string;
  org: DemoOrg;
  /** The web-mode page (with its token); null when the Electron window opened instead. */
  pageUrl: string | null;
  agent: string;
  sipUsername: string | null;
}

/** What a newcomer needs on one screen: where to click, who to sign in as, what to try. */
export function printSummary(s: Summary): void {
  const ring = s.sipUsername
    ? `curl -X POST ${s.simUrl}/sim/calls/inbound -H 'content-type: application/json' ` +
      `-d '{"sipUsername":"${s.sipUsername}","from":"+12025550123"}'`
    : '(no credential found for the agent; see the seed output above)';
  const desktop = s.pageUrl
    ? `open ${s.pageUrl}\n                    in Chromium or Chrome (web mode: no Electron runtime is installed)`
    : 'the Electron window';
  const lines = [
    '',
    '──────────────────────────────────────────────────────────────────────────────',
    ' Crokodialer is running. Ctrl-C stops everything.',
    '',
    ` Desktop app       ${desktop}`,
    `                   signed in as ${s.agent}`,
    ` Admin console     ${s.apiUrl}/admin`,
    `                   sign in as ${s.org.admin} / ${s.org.password}`,
    ` Demo agents       ${s.org.agents.join(', ')} (password ${s.org.password})`,
    ` Companion API     ${s.apiUrl} (OpenAPI docs at ${s.apiUrl}/docs)`,
    ` telnyx-sim        ${s.simUrl} (stands in for Telnyx; control API at ${s.simUrl}/sim)`,
    ` Data              ${s.dataDir} (kept for the next npm start; delete it to start afresh)`,
    '',
    ' Try it:',
    '   Dial +1 202 555 0000: the sim answers with a tone (…0001 echoes you back,',
    '   …0486 is busy, …0408 never answers).',
    '   Ring the agent:',
    `   ${ring}`,
    '──────────────────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
