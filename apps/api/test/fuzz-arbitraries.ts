import fc from 'fast-check';

/** The subset of JSON Schema the API's OpenAPI document uses (zod → JSON Schema). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Strings aimed at the database and the parsers: NUL, surrogates, SQL, huge, odd times. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    "' or 1=1 --",
    '%00',
    '%',
    '../../etc/passwd',
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00+01:00',
    '9999-12-31T23:59:59-23:59',
    '2026-02-29T00:00:00Z',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '-'.repeat(36),
    'x'.repeat(10_000),
    '',
    ' ',
    '\u202e',
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Any JSON value, nasty strings included. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308, null, true, false),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

function patternString(pattern: string): fc.Arbitrary<string> | null {
  try {
    const arb = fc.stringMatching(new RegExp(pattern));
    fc.sample(arb, 1); // unsupported syntax (lookahead) throws here, not mid-run
    return arb;
  } catch {
    return null;
  }
}

const extremeTime = fc
  .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.oneof(fc.uuid(), fc.constant(crypto.randomUUID()));
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'date-time') {
    return fc.oneof(
      extremeTime,
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      ...(s.pattern ? [patternString(s.pattern) ?? extremeTime] : []),
    );
  }
  const matching = s.pattern ? patternString(s.pattern) : null;
  if (matching) return matching;
  return fc.string({
    unit: 'binary',
    minLength: s.minLength ?? 0,
    maxLength: Math.min((s.maxLength ?? 60) + 2, 300),
  });
}

/** Values that mostly fit the schema (so requests get past validation) and sometimes do not. */
export function valueFor(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const fitting = fittingValue(s, depth);
  const withNull = s.nullable ? fc.oneof(fitting, fc.constant(null)) : fitting;
  return fc.oneof({ weight: 4, arbitrary: withNull }, { weight: 1, arbitrary: junk });
}

function fittingValue(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return fc.oneof(...choices.map((c) => valueFor(c, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
      return fc.integer({
        min: Math.max((s.minimum ?? -1e6) - 2, -(2 ** 31)),
        max: Math.min((s.maximum ?? 1e6) + 2, 2 ** 31),
      });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items && depth < 3 ? valueFor(s.items, depth + 1) : junk, {
        maxLength: Math.min((s.maxItems ?? 5) + 1, 8),
      });
    case 'object':
      return objectFor(s, depth);
    default:
      return junk;
  }
}

export function objectFor(s: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  const record = fc.record(
    Object.fromEntries(props.map(([k, v]) => [k, depth < 3 ? valueFor(v, depth + 1) : junk])),
    // Required fields are present most of the time; missing ones are part of the fuzz.
    { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) },
  );
  const maybeDropped = fc.tuple(
    record,
    fc.option(fc.constantFrom(...props.map(([k]) => k), '_'), {
      freq: 6,
    }),
  );
  return fc
    .tuple(maybeDropped, fc.option(fc.tuple(nastyString, junk), { freq: 8 }))
    .map(([[r, drop], extra]) => {
      const out: Record<string, unknown> = { ...r };
      if (drop !== null) delete out[drop];
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}

function encoded(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?')); // lone surrogates cannot be encoded
  }
}

/** A path parameter as it goes on the wire: a real id, a made-up one, or junk percent-encoded. */
export function pathParam(knownIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...knownIds) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: nastyString.map((v) => encoded(v.slice(0, 300)) || 'x') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', 'a'.repeat(300), '..', '%2F', '%00'),
    },
  );
}
