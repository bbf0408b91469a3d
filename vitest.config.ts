import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(__dirname),
  // Outside Next's bundler `server-only` would throw; tests run server code directly.
  'server-only': path.resolve(__dirname, 'test/empty-module.ts'),
  // next-auth imports `next/server` without an extension, which Node's ESM resolver rejects
  // outside Next's bundler.
  'next/server': 'next/server.js',
  'next/headers': 'next/headers.js',
  'next/navigation': 'next/navigation.js',
  'next/cache': 'next/cache.js',
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**', 'e2e/**', '.next*/**'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/**', '.next*/**'],
          environment: 'node',
          setupFiles: ['test/int-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Files share one database; each test makes its own rows, so files may run in parallel.
          pool: 'forks',
          // Transform next-auth through Vite so the aliases above apply to its imports.
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
});
