import type { Theme } from '@crokodialer/shared';
import { useEffect } from 'react';

/** Light or dark as the page should draw now: the setting, or the OS when it says "system". */
export function resolveTheme(theme: Theme, osPrefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return osPrefersDark ? 'dark' : 'light';
  return theme;
}

/** Keeps `<html data-theme>` in step with the setting and, for "system", with the OS. */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = resolveTheme(theme, query.matches);
    };
    apply();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
