/**
 * IPC channel names, derived from `window.dialer`'s names so the two can never disagree:
 * `<namespace>:<method>` in kebab-case (`callLogs.listPending` → `call-logs:list-pending`).
 */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${KebabCase<Tail>}`
  : '';

export type ChannelName<N extends string, M extends string> = `${KebabCase<N>}:${KebabCase<M>}`;

export function kebabCase<S extends string>(name: S): KebabCase<S> {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) as KebabCase<S>;
}

export function channelName<N extends string, M extends string>(
  namespace: N,
  method: M,
): ChannelName<N, M> {
  return `${kebabCase(namespace)}:${kebabCase(method)}`;
}
