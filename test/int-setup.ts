// Integration tests need the database `npm test` started; fail with a clear message otherwise.
if (!process.env.DATABASE_URL) {
  throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (or `npm run test:int`), which starts a throwaway PostgreSQL.');
}
process.env.AUTH_SECRET ??= 'integration-tests-secret-at-least-32-characters';
process.env.LOG_LEVEL ??= 'silent';
