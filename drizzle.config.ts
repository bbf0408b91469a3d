import { defineConfig } from 'drizzle-kit';

// drizzle-kit only needs a URL for `migrate`/`studio`; `generate` works offline from the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:5432/lectern' },
});
