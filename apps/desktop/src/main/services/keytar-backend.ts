import type { KeychainBackend } from './credential-vault.js';

/**
 * Loads keytar lazily: its native module talks to the Secret Service over D-Bus, and a missing
 * library must surface as "keychain unavailable", not as a crash at startup.
 */
export async function loadKeytar(): Promise<KeychainBackend> {
  const mod = (await import('keytar')) as { default?: KeychainBackend } & KeychainBackend;
  return mod.default ?? mod;
}
