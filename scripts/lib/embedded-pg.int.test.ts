import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-pg.mjs';

describe('embedded PostgreSQL data folder', () => {
  it('keeps data across restarts and refuses a second server on a folder in use', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-pg-'));
    try {
      const first = await startEmbeddedPostgres({ dataDir: dir, database: 'keep', fsync: false });
      const sql = postgres(first.url, { max: 1, onnotice: () => {} });
      await sql`create table kept (v text)`;
      await sql`insert into kept values ('still here')`;
      await sql.end();

      await expect(startEmbeddedPostgres({ dataDir: dir, database: 'keep' })).rejects.toThrow(/already in use by another PostgreSQL process/);

      await first.stop();
      const again = await startEmbeddedPostgres({ dataDir: dir, database: 'keep', fsync: false });
      const sql2 = postgres(again.url, { max: 1, onnotice: () => {} });
      expect(await sql2`select v from kept`).toEqual([{ v: 'still here' }]);
      await sql2.end();
      await again.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm start refuses to run twice on the same data folder, naming the running instance', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectern-lock-'));
    try {
      // This test process plays the running instance.
      fs.writeFileSync(path.join(dataDir, 'lectern.lock.json'), JSON.stringify({ pid: process.pid, port: 3999 }));
      const r = spawnSync(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Lectern is already running from ${dataDir} (pid ${process.pid}, http://localhost:3999)`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
