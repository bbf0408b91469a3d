import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { checkStorage, getStorage, isStorageConfigured } from '.';

// The env-configured instance (S3_* from the test harness) as the app and /api/health see it.
describe('storage health', () => {
  it('is configured from the environment and reports ok', async () => {
    expect(isStorageConfigured).toBe(true);
    expect(await checkStorage()).toMatchObject({ status: 'ok' });
    expect(getStorage()).toBe(getStorage());
  });

  it('/api/health includes storage', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', storage: 'ok' });
  });
});
