import fs from 'node:fs';
import path from 'node:path';
import { root } from './runtime.mjs';

const inputs = ['app', 'components', 'lib', 'db/schema', 'db/client.ts', 'db/health.ts', 'i18n', 'messages', 'public', 'next.config.mjs', 'package-lock.json', 'proxy.ts', 'auth.ts', 'auth.config.ts', 'instrumentation.ts', 'postcss.config.mjs'];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((f) => newest(path.join(p, f))));
}

/** True when `distDir` has no build or any app source is newer than it. */
export function needsBuild(distDir = '.next') {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return inputs.some((p) => newest(p) > built);
}
