import type { SqlRunner } from './sql-runner.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(n: PlanNode, visit: (n: PlanNode) => void): void {
  visit(n);
  for (const c of n.Plans ?? []) walk(c, visit);
}

/**
 * EXPLAIN (FORMAT JSON) of a tenant-scoped query: the indexes it uses (and how: "Index Only Scan"
 * reads no heap), and an error when any node reads call_logs sequentially or `expected` is unused.
 */
export async function checkPlan(
  db: SqlRunner,
  text: string,
  params: readonly unknown[],
  expected: string,
): Promise<{ indexes: string[]; error?: string }> {
  const rows = await db.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, [
    ...params,
  ]);
  const raw = rows[0]?.['QUERY PLAN'];
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const indexes = new Set<string>();
  let error: string | undefined;
  walk(doc[0]!.Plan, (n) => {
    if (n['Index Name']) indexes.add(`${n['Index Name']} (${n['Node Type']})`);
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'call_logs')
      error = 'Seq Scan on call_logs';
  });
  if (!error && ![...indexes].some((i) => i.startsWith(`${expected} (`)))
    error = `expected ${expected}, the plan uses ${[...indexes].join(', ') || 'no index'}`;
  return { indexes: [...indexes], error };
}
