/**
 * The one place that opens links outside the app (docs/architecture.md#opening-links; lint bans
 * shell.openExternal elsewhere). Only http(s) URLs without embedded credentials: file:,
 * javascript:, smb:, custom schemes and the like could run code or leak NTLM hashes
 * (actualbudget/actual's lesson).
 */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export async function openExternalUrl(shell: ShellLike, raw: string): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await shell.openExternal(new URL(raw).toString());
  return true;
}
