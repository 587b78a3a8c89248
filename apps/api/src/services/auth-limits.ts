import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import type { RateLimits } from './rate-limits.js';

const MINUTE = 60_000;
/** Failed sign-ins one address may make across all accounts, per allowance of one account. */
const ADDRESS_FAILURES_FACTOR = 5;

/**
 * Who may try to sign in, and how often — counted in the database, so it holds across instances.
 *
 * Sign-in is limited per account *and source address* (every attempt) and per address (failures
 * only). An attacker elsewhere exhausts only their own pair, so a known email cannot be locked out
 * from outside; a sales floor behind one NAT signs in at nine because successes never count against
 * the shared address. Guessing one account from many addresses is slowed by argon2 and each
 * address's own failure budget rather than by locking the account, which would hand that lever to
 * anyone who knows the email.
 */
export class AuthLimits {
  private readonly perMinute: number;

  constructor(
    private readonly limits: RateLimits,
    config: Pick<Config, 'rateLimit'>,
  ) {
    this.perMinute = config.rateLimit.authPerMinute;
  }

  async login<T>(email: string, address: string, attempt: () => Promise<T>): Promise<T> {
    const failuresKey = `login:fail-ip:${address}`;
    const addressMax = this.perMinute * ADDRESS_FAILURES_FACTOR;
    await this.limits.check(failuresKey, addressMax, MINUTE, 'failed sign-ins from your address');
    await this.limits.take(
      `login:acct-ip:${email.toLowerCase()}|${address}`,
      this.perMinute,
      MINUTE,
    );
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof ApiError && err.statusCode === 401)
        await this.limits.hit(failuresKey, MINUTE);
      throw err;
    }
  }

  /** Refresh: a bad token counts against the address; a good one against its user (service). */
  async refresh<T>(address: string, attempt: () => Promise<T>): Promise<T> {
    const failuresKey = `refresh:fail-ip:${address}`;
    await this.limits.check(failuresKey, this.perMinute * ADDRESS_FAILURES_FACTOR, MINUTE);
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof ApiError && err.statusCode === 401)
        await this.limits.hit(failuresKey, MINUTE);
      throw err;
    }
  }

  /** Sign-up creates an org: per address, every attempt. */
  async signup(address: string): Promise<void> {
    await this.limits.take(`signup:ip:${address}`, this.perMinute, MINUTE);
  }

  /** Something a signed-in user does that costs (a refresh, a Telnyx token): per user. */
  async perUser(action: string, userId: string): Promise<void> {
    await this.limits.take(`${action}:user:${userId}`, this.perMinute, MINUTE);
  }
}
