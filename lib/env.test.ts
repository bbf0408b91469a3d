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

describe('parseEnv: object storage', () => {
  const s3 = { S3_BUCKET: 'lectern', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' };
  it('leaves storage unconfigured by default', () => {
    const env = parseEnv(base);
    expect(env.S3_BUCKET).toBeUndefined();
    expect(env).toMatchObject({ S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false });
  });
  it('accepts a full configuration and reads booleans', () => {
    const env = parseEnv({ ...base, ...s3, S3_ENDPOINT: 'http://127.0.0.1:54330', S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'eu-west-3' });
    expect(env).toMatchObject({ S3_BUCKET: 'lectern', S3_ENDPOINT: 'http://127.0.0.1:54330', S3_FORCE_PATH_STYLE: true, S3_REGION: 'eu-west-3' });
    expect(parseEnv({ ...base, ...s3, S3_FORCE_PATH_STYLE: '0' }).S3_FORCE_PATH_STYLE).toBe(false);
  });
  it('requires the keys when a bucket is set, naming each missing one', () => {
    expect(() => parseEnv({ ...base, S3_BUCKET: 'lectern' })).toThrow(/S3_ACCESS_KEY_ID: is required when S3_BUCKET is set[\s\S]*S3_SECRET_ACCESS_KEY: is required/);
    expect(() => parseEnv({ ...base, ...s3, S3_SECRET_ACCESS_KEY: '' })).toThrow(/S3_SECRET_ACCESS_KEY: is required when S3_BUCKET is set/);
  });
  it('requires a bucket when other storage settings are given', () => {
    expect(() => parseEnv({ ...base, S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET: is required when S3_ENDPOINT is set/);
  });
  it('rejects malformed values with the variable name', () => {
    expect(() => parseEnv({ ...base, ...s3, S3_ENDPOINT: 'localhost:9000' })).toThrow(/S3_ENDPOINT: must be an absolute http\(s\) URL/);
    expect(() => parseEnv({ ...base, ...s3, S3_PUBLIC_ENDPOINT: 'nope' })).toThrow(/S3_PUBLIC_ENDPOINT/);
    expect(() => parseEnv({ ...base, ...s3, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseEnv({ ...base, ...s3, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET: must be an S3 bucket name/);
  });
});
