import { describe, expect, it } from 'vitest';
import { parseEnv } from './env-schema';

const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/db', AUTH_SECRET: 'x'.repeat(32) };

describe('parseEnv', () => {
  it('applies defaults for everything optional', () => {
    expect(parseEnv(base)).toMatchObject({ APP_URL: 'http://localhost:3000', LOG_LEVEL: 'info', LOG_RETENTION_DAYS: 30, DATABASE_POOL_MAX: 10 });
  });
  it('names the variable and what is expected', () => {
    expect(() => parseEnv({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\//);
    expect(() => parseEnv({ ...base, AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ ...base, LOG_RETENTION_DAYS: 'forever' })).toThrow(/LOG_RETENTION_DAYS/);
  });
  it('requires OAuth ids and secrets in pairs', () => {
    expect(() => parseEnv({ ...base, AUTH_GITHUB_ID: 'id' })).toThrow(/AUTH_GITHUB_SECRET: must be set together with AUTH_GITHUB_ID/);
    expect(parseEnv({ ...base, AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 's' }).AUTH_GITHUB_ID).toBe('id');
  });
  it('treats empty strings as unset', () => {
    expect(parseEnv({ ...base, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});
