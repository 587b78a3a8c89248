import type { DesktopServices } from './desktop-services.js';

/**
 * `npm start` hands the demo agent's sign-in to the app it launches (CROKO_SIGN_IN_EMAIL and
 * CROKO_SIGN_IN_PASSWORD, companion mode against the configured API). They are read once and
 * removed from the environment; the sign-in goes through the real session service, so the refresh
 * token lands in the keychain (or memory) like any other. An app already signed in is left alone.
 */
export async function signInFromEnvironment(
  services: Pick<DesktopServices, 'session' | 'log'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const email = env.CROKO_SIGN_IN_EMAIL;
  const password = env.CROKO_SIGN_IN_PASSWORD;
  delete env.CROKO_SIGN_IN_EMAIL;
  delete env.CROKO_SIGN_IN_PASSWORD;
  if (!email || !password) return null;
  const state = await services.session.getState();
  if (state.status === 'signed-in') {
    return state.mode === 'companion' ? state.email : state.login;
  }
  const signedIn = await services.session.signIn({ mode: 'companion', email, password });
  return signedIn.status === 'signed-in' && signedIn.mode === 'companion' ? signedIn.email : null;
}
