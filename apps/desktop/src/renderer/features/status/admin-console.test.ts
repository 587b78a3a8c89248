import type { AccountProfile, SessionState } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { adminConsoleUrl } from './admin-console.js';

const companion: SessionState = {
  status: 'signed-in',
  mode: 'companion',
  apiUrl: 'https://dialer-api.example.com/some/base',
  email: 'dana@example.test',
  remembered: true,
};
const profile = (role: AccountProfile['role']): AccountProfile => ({
  name: 'Dana',
  email: 'dana@example.test',
  callerIds: [],
  hasWebrtcCredential: true,
  role,
});

describe('admin console item', () => {
  it('an admin gets the console at the API origin', () => {
    expect(adminConsoleUrl(companion, profile('admin'))).toBe(
      'https://dialer-api.example.com/admin/',
    );
    expect(
      adminConsoleUrl({ ...companion, apiUrl: 'http://127.0.0.1:8787' }, profile('admin')),
    ).toBe('http://127.0.0.1:8787/admin/');
  });

  it('agents, direct mode, signed-out and an unknown profile get none', () => {
    expect(adminConsoleUrl(companion, profile('agent'))).toBeNull();
    expect(adminConsoleUrl(companion, null)).toBeNull();
    expect(
      adminConsoleUrl({ status: 'signed-in', mode: 'direct', login: 'x', remembered: false }, null),
    ).toBeNull();
    expect(
      adminConsoleUrl({ status: 'signed-out', mode: 'companion' }, profile('admin')),
    ).toBeNull();
  });
});
