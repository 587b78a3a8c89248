import { parseDialInput } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { regionMatches, regionOptions } from './regions.js';

describe('default-country choices', () => {
  const options = regionOptions('en-US');

  it('lists every region the parser knows, named, coded and sorted by name', () => {
    expect(options.length).toBeGreaterThan(200);
    expect(options.find((o) => o.code === 'DE')?.label).toBe('Germany (DE) +49');
    expect(options.find((o) => o.code === 'US')?.label).toBe('United States (US) +1');
    const names = options.map((o) => o.label);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-US')));
    // Every choice is one the dial pad can parse national numbers for.
    for (const o of options) {
      expect(parseDialInput('+1 415 555 0100', o.code).ok).toBe(true);
    }
  });

  it("names regions in the agent's language", () => {
    expect(regionOptions('de-DE').find((o) => o.code === 'DE')?.label).toBe('Deutschland (DE) +49');
  });

  it('filters by name, code or calling code, ignoring case and accents', () => {
    const find = (typed: string) =>
      options.filter((o) => regionMatches(o, typed)).map((o) => o.code);
    expect(find('germ')).toEqual(['DE']);
    expect(find('(gb)')).toEqual(['GB']);
    expect(find('+49')).toContain('DE');
    expect(find('cote')).toContain('CI'); // Côte d’Ivoire
    expect(find('')).toHaveLength(options.length);
    expect(find('zzz')).toEqual([]);
  });
});
