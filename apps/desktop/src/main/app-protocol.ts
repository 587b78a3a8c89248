import type { Net, Protocol } from 'electron';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The packaged renderer is served from `app://crokodialer/` rather than file://: a real origin for
 * the sender and permission checks, and no access to other local files.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://crokodialer`;

/** Before app ready: make app:// standard and secure (CSP 'self', fetch, media work as on https). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/** Maps an app:// URL to a file under `root`, or null for anything outside it. */
export function appUrlToFile(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const base = resolve(root);
  const file = resolve(join(base, normalize(pathname === '/' ? '/index.html' : pathname)));
  return file.startsWith(base + sep) ? file : null;
}

/**
 * Serves the renderer, each HTML document with the CSP `documentCsp` gives (renderer-csp.ts). The
 * header goes on here, in our own handler, rather than through `session.webRequest
 * .onHeadersReceived`: that hook is made for http(s) traffic and is not promised for responses of
 * a `protocol.handle` scheme, and file:// responses carry no headers at all. Here every document
 * gets it, and it is the policy of the settings at the moment the document loads. It joins the
 * meta CSP of index.html; a page obeys both, so it can only narrow it.
 */
export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  net: Pick<Net, 'fetch'>,
  rendererDir: string,
  documentCsp: () => string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appUrlToFile(request.url, rendererDir);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!file.endsWith('.html')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', documentCsp());
    return new Response(response.body, { status: response.status, headers });
  });
}
