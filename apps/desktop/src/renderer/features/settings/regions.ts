import { dialRegions, type CountryCode } from '@crokodialer/shared';

export interface RegionOption {
  code: CountryCode;
  /** "Germany (DE) +49": what the list shows and what typing filters on. */
  label: string;
}

/**
 * The default-country choices, named in the agent's language (Intl.DisplayNames) and sorted by
 * name; a region the runtime cannot name keeps its code.
 */
export function regionOptions(locale: string | undefined): RegionOption[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(locale ? [locale, 'en'] : ['en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  return dialRegions()
    .map(({ code, callingCode }) => ({
      code,
      name: names?.of(code) ?? code,
      callingCode,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, locale))
    .map(({ code, name, callingCode }) => ({ code, label: `${name} (${code}) +${callingCode}` }));
}

/** Filtering by what the agent types: a name, a code or a calling code, any case or accent. */
export function regionMatches(option: RegionOption, typed: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const query = fold(typed.trim());
  return query === '' || fold(option.label).includes(query);
}
