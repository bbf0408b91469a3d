import 'server-only';
import { env } from './env';
import { loggerFor } from './logger';
import { pruneSystemLogs } from './logs/mutations';
import { issueSetupToken } from './setup/mutations';

const log = loggerFor('server');

/** First-run link and periodic housekeeping. Failures are logged, never fatal: the app still serves. */
export async function startBackgroundTasks() {
  try {
    const token = await issueSetupToken(env.SETUP_TOKEN);
    if (token) {
      const url = `${env.APP_URL}/setup?token=${encodeURIComponent(token)}`;
      // Printed plainly (not only as JSON) so a newcomer can click it in the terminal.
      console.log(`\n  No admin account yet. Create one at:\n  ${url}\n  (or run: npm run create-admin -- --email you@example.com --password '…')\n`);
    }
  } catch (e) {
    log.warn({ err: String(e) }, 'could not issue the setup token (is the database up?)');
  }
  const prune = () =>
    pruneSystemLogs(env.LOG_RETENTION_DAYS)
      .then((n) => n && log.info({ deleted: n }, 'pruned old system logs'))
      .catch((e) => log.warn({ err: String(e) }, 'log pruning failed'));
  void prune();
  setInterval(prune, 60 * 60 * 1000).unref();
}
