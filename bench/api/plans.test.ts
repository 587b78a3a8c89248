import { describe, expect, it } from 'vitest';
import { checkPlan } from './plans.js';
import type { SqlRunner } from './sql-runner.js';

/** A runner that answers EXPLAIN with a given plan, as PostgreSQL (json) or PGlite (text) does. */
const explaining = (plan: unknown, asText = false): SqlRunner & { last?: string } => {
  const r: SqlRunner & { last?: string } = {
    query: <R>(text: string) => {
      r.last = text;
      const doc = [{ Plan: plan }];
      return Promise.resolve([{ 'QUERY PLAN': asText ? JSON.stringify(doc) : doc }] as R[]);
    },
    close: () => Promise.resolve(),
  };
  return r;
};

const indexOnly = {
  'Node Type': 'Aggregate',
  Plans: [
    {
      'Node Type': 'Index Only Scan',
      'Relation Name': 'call_logs',
      'Index Name': 'call_logs_org_started_cover_idx',
    },
  ],
};

describe('checkPlan', () => {
  it('names the indexes and how they are read; passes when the expected one is used', async () => {
    const db = explaining(indexOnly);
    const r = await checkPlan(db, 'select 1', [], 'call_logs_org_started_cover_idx');
    expect(r).toEqual({ indexes: ['call_logs_org_started_cover_idx (Index Only Scan)'] });
    expect(db.last).toBe('explain (format json) select 1');
  });

  it('reads a plan that arrives as text', async () => {
    const r = await checkPlan(
      explaining(indexOnly, true),
      'q',
      [],
      'call_logs_org_started_cover_idx',
    );
    expect(r.error).toBeUndefined();
  });

  it('fails another index than the expected one', async () => {
    const r = await checkPlan(explaining(indexOnly), 'q', [], 'call_logs_agent_started_idx');
    expect(r.error).toBe(
      'expected call_logs_agent_started_idx, the plan uses call_logs_org_started_cover_idx (Index Only Scan)',
    );
  });

  it('fails a sequential scan of call_logs anywhere in the plan', async () => {
    const plan = {
      'Node Type': 'Hash Join',
      Plans: [
        { 'Node Type': 'Seq Scan', 'Relation Name': 'users' },
        { 'Node Type': 'Seq Scan', 'Relation Name': 'call_logs' },
      ],
    };
    const r = await checkPlan(explaining(plan), 'q', [], 'call_logs_org_started_idx');
    expect(r).toEqual({ indexes: [], error: 'Seq Scan on call_logs' });
  });
});
