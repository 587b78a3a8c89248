import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteDialect } from './pglite-dialect.js';

interface T {
  items: { id: number; name: string };
}

let db: Kysely<T>;
beforeAll(async () => {
  db = new Kysely<T>({ dialect: new PGliteDialect(new PGlite()) });
  await sql`create table items (id int primary key, name text not null)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
});

describe('PGliteDialect', () => {
  it('reports affected rows and returns typed rows', async () => {
    const ins = await db
      .insertInto('items')
      .values([
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ])
      .executeTakeFirst();
    expect(ins.numInsertedOrUpdatedRows).toBe(2n);
    const dup = await db
      .insertInto('items')
      .values({ id: 1, name: 'x' })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    expect(dup.numInsertedOrUpdatedRows).toBe(0n);
    const upd = await db
      .updateTable('items')
      .set({ name: 'z' })
      .where('id', '>', 0)
      .executeTakeFirst();
    expect(upd.numUpdatedRows).toBe(2n);
    expect(await db.selectFrom('items').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, name: 'z' },
      { id: 2, name: 'z' },
    ]);
    await db.deleteFrom('items').execute();
  });

  it('rolls a failed transaction back and frees the connection', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 10, name: 'gone' }).execute();
        await trx.insertInto('items').values({ id: 10, name: 'dup' }).execute(); // unique violation
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.selectFrom('items').selectAll().where('id', '=', 10).execute()).toEqual([]);
    // A failing plain query must not wedge the single connection either.
    await expect(sql`select * from missing_table`.execute(db)).rejects.toThrow();
    expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });

  it('isolates concurrent transactions (no interleaving on the one backend)', async () => {
    await db.insertInto('items').values({ id: 20, name: '0' }).execute();
    // Read-modify-write without row locks: only correct if transactions do not interleave.
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('items')
            .select('name')
            .where('id', '=', 20)
            .executeTakeFirstOrThrow();
          await new Promise((r) => setTimeout(r, 1));
          await trx
            .updateTable('items')
            .set({ name: String(Number(row.name) + 1) })
            .where('id', '=', 20)
            .execute();
        }),
      ),
    );
    const final = await db
      .selectFrom('items')
      .select('name')
      .where('id', '=', 20)
      .executeTakeFirstOrThrow();
    expect(final.name).toBe('10');
  });

  it('runs a multi-statement script without parameters (migrations)', async () => {
    await sql`create table t1 (a int); create table t2 (b int); insert into t1 values (1);`.execute(
      db,
    );
    expect((await sql<{ a: number }>`select a from t1`.execute(db)).rows).toEqual([{ a: 1 }]);
  });
});
