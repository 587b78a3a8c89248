import { hash, verify } from '@node-rs/argon2';
import type { Argon2Params } from '../config.js';

/** `Algorithm.Argon2id`: a const enum, which verbatimModuleSyntax cannot import. */
const ARGON2ID = 2;

/** argon2id password hashing; parameters come from config (lower in tests, OWASP defaults in prod). */
export class Passwords {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly params: Argon2Params) {}

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, ...this.params });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same work as a real verification, for an unknown email, so the response time does
   * not reveal whether an account exists.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not-a-real-password-but-same-cost');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
