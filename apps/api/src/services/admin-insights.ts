import type { CallTimeline, Dashboard, DashboardQuery } from '@crokodialer/shared';
import type { Db } from '../db/database.js';
import type { Principal } from './access-tokens.js';
import { callTimeline, dashboard } from './dashboard.js';

/** What the admin console reads beyond the resources: the dashboard and a call's timeline. */
export class AdminInsights {
  constructor(private readonly db: Db) {}

  dashboard(p: Principal, q: Required<DashboardQuery>): Promise<Dashboard> {
    return dashboard(this.db, p, q);
  }

  timeline(p: Principal, callLogId: string): Promise<CallTimeline> {
    return callTimeline(this.db, p, callLogId);
  }
}
