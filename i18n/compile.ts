import compile from 'icu-minify/compile';

// Messages are precompiled once on the server (icu-minify) and formatted everywhere with use-intl's
// format-only runtime: next.config.mjs aliases `use-intl/format-message` to it. The browser then
// loads no ICU parser (intl-messageformat) and never pays for its locale resolution, which cost a
// ~30 ms task on the first message with arguments of every page.

type Tree = { [key: string]: string | Tree };

/** `messages` (nested namespaces of ICU strings) with every string compiled. */
export function compileMessages<T extends Record<string, unknown>>(messages: T): T {
  const walk = (node: unknown): unknown => {
    // icu-minify builds plural and select branches on null-prototype objects, which React cannot
    // pass to client components: a JSON round trip makes them plain.
    if (typeof node === 'string') return JSON.parse(JSON.stringify(compile(node))) as unknown;
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node as Tree).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(messages) as T;
}
