import { isDbReachable, type Db } from '../db/database.js';

/** Readiness for a load balancer: the database answers. */
export class Readiness {
  constructor(private readonly db: Db) {}

  ready(): Promise<boolean> {
    return isDbReachable(this.db);
  }
}
