import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/main/services/logger.js';
import { OutboxStore, type StoredRecord } from '../../src/main/services/outbox-store.js';
import { callLifecycle } from '../helpers/call-log-events.js';

// The outbox's files: what a restart finds, and what it sets aside rather than lose or stop on.
let dir: string;
let warnings: string[];
let asides: [string, string][];
const log: Logger = {
  info: () => undefined,
  warn: (m) => void warnings.push(m),
  error: () => undefined,
  addSecret: () => undefined,
};
const store = () => new OutboxStore(dir, log, (file, reason) => void asides.push([file, reason]));
const owner = { apiUrl: 'http://127.0.0.1:9', email: 'agent@example.com' };
const recordOf = (n: number, extra: Partial<StoredRecord> = {}): StoredRecord => ({
  event: callLifecycle(n)[0]!,
  owner,
  revision: 1,
  attempts: 0,
  ...extra,
});
const pending = (name = '') => join(dir, 'pending', name);
const dead = (name = '') => join(dir, 'dead', name);
const ID = '0b7a3f1e-2f1f-4c7e-9b3a-0c6f2b1d9e11';

beforeEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'croko-store-'));
  warnings = [];
  asides = [];
});

describe('OutboxStore', () => {
  it('keeps its folders private to the user', async () => {
    expect(await store().load()).toEqual([]);
    expect(statSync(pending()).mode & 0o777).toBe(0o700);
    expect(statSync(dead()).mode & 0o777).toBe(0o700);
  });

  it('a restart finds every record as written, whose it is and how often it was tried', async () => {
    const s = store();
    await s.load();
    const a = recordOf(1, { revision: 3, attempts: 2 });
    const b = recordOf(2, { owner: { apiUrl: 'https://api.example', email: null } });
    await s.write(a);
    await s.write(b);
    const loaded = await store().load();
    expect(loaded.sort((x, y) => x.event.to.localeCompare(y.event.to))).toEqual([a, b]);
    expect(readdirSync(pending()).sort()).toEqual(
      [`${a.event.id}.json`, `${b.event.id}.json`].sort(),
    );
  });

  it('remove() deletes the record; setAside() keeps it in dead/ for a person to read', async () => {
    const s = store();
    await s.load();
    const a = recordOf(1);
    const b = recordOf(2);
    await s.write(a);
    await s.write(b);
    await s.remove(a.event.id);
    await s.setAside(b.event.id);
    expect(readdirSync(pending())).toEqual([]);
    expect(JSON.parse(readFileSync(dead(`${b.event.id}.json`), 'utf8'))).toEqual(b);
    expect(await store().load()).toEqual([]);
  });

  it('drops half-written temp files and leaves files that are not records alone', async () => {
    await store().load();
    writeFileSync(pending('.x.json.abc.tmp'), '{"event":');
    writeFileSync(pending('notes.txt'), 'mine');
    writeFileSync(pending(`${ID}.json.bak`), 'mine');
    writeFileSync(pending(`copy-${ID}.json`), 'mine');
    writeFileSync(pending(`${ID.replaceAll('-', 'g')}.json`), 'mine');
    expect(await store().load()).toEqual([]);
    expect(readdirSync(pending())).toHaveLength(4);
    expect(readdirSync(dead())).toEqual([]);
    expect(asides).toEqual([]);
  });

  it.each([
    ['damaged JSON', 'garbage', 'damaged file'],
    ['JSON of another shape', '{"id":1}', 'not a call-log record of this version'],
    ['a revision of 0', 'revision0', 'not a call-log record of this version'],
  ])('sets aside %s with the reason, and loads the rest', async (_, content, reason) => {
    const s = store();
    await s.load();
    const good = recordOf(1);
    await s.write(good);
    const text =
      content === 'revision0' ? JSON.stringify({ ...recordOf(2), revision: 0 }) : content;
    writeFileSync(pending(`${ID}.json`), text);
    expect(await store().load()).toEqual([good]);
    expect(readdirSync(dead())).toEqual([`${ID}.json.unreadable`]);
    expect(readFileSync(dead(`${ID}.json.unreadable`), 'utf8')).toBe(text);
    expect(asides).toEqual([[`${ID}.json`, reason]]);
    expect(warnings).toEqual([`outbox: ${ID}.json could not be read (${reason}); set aside`]);
  });

  it('an upper-case id is a record too', async () => {
    await store().load();
    writeFileSync(pending(`${ID.toUpperCase()}.json`), 'garbage');
    await store().load();
    expect(asides).toEqual([[`${ID.toUpperCase()}.json`, 'damaged file']]);
  });

  it('a record from before attempts were counted loads with none', async () => {
    await store().load();
    const { attempts: _, ...old } = recordOf(1);
    writeFileSync(pending(`${old.event.id}.json`), JSON.stringify({ ...old, attempts: -1 }));
    expect(await store().load()).toEqual([{ ...old, attempts: 0 }]);
  });

  it('a record that cannot even be moved aside is skipped, logged, and the rest loads', async () => {
    const s = store();
    await s.load();
    const good = recordOf(1);
    await s.write(good);
    mkdirSync(pending(`${ID}.json`));
    // dead/ already holds a folder of that name with something in it: the rename fails too.
    mkdirSync(dead(`${ID}.json.unreadable/x`), { recursive: true });
    expect(await store().load()).toEqual([good]);
    expect(readdirSync(pending())).toContain(`${ID}.json`);
    expect(warnings[1]).toBe(`outbox: ${ID}.json could not be moved aside either`);
    expect(asides).toHaveLength(1);
    expect(asides[0]![1]).toMatch(/EISDIR/);
  });
});
