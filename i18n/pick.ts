// Which messages travel to the browser: see components/shell/client-messages.tsx.

export type Messages = { [key: string]: unknown };
const isGroup = (v: unknown): v is Messages => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `messages` reduced to the named namespaces: a top-level one (`'analytics'`) or a nested one
 * (`'courses.nav'`, for a client component that uses a few keys of a large namespace).
 */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) {
    const path = ns.split('.');
    let from: unknown = messages;
    for (const key of path) from = isGroup(from) ? from[key] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const key of path.slice(0, -1)) to = (isGroup(to[key]) ? to[key] : (to[key] = {})) as Messages;
    to[path.at(-1)!] = from;
  }
  return out;
}
