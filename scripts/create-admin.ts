// `npm run create-admin -- --email <e> --password <p> [--name <n>]`: the headless /setup. Creates
// an admin whether or not admins exist yet (for provisioning scripts and a locked-out operator).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { createDb, type Database } from '@/db/factory';
import { users } from '@/db/schema';
import { writeAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { createFirstAdmin } from '@/lib/setup/mutations';
import { createAdminCliSchema } from '@/lib/setup/schemas';
import { insertUser } from '@/lib/users/mutations';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const optionName: Record<string, string> = { email: '--email', password: '--password', name: '--name' };

let english: Record<string, string> | undefined;
/** `validation.passwordTooShort` → the English sentence the web form shows. */
function toEnglish(message: string): string {
  english ??= JSON.parse(fs.readFileSync(path.join(root, 'messages', 'en', 'validation.json'), 'utf8')) as Record<string, string>;
  // Schemas give i18n keys; zod's own defaults are English already.
  return message.startsWith('validation.') ? (english[message.slice('validation.'.length)] ?? message) : message;
}

/** Every problem, one line each (the web form shows one per field; a terminal can show them all). */
function describeProblems(error: z.ZodError): string {
  const lines = new Set(error.issues.map((i) => `  ${optionName[String(i.path[0])] ?? String(i.path[0] ?? 'input')}: ${toEnglish(i.message)}`));
  return `Cannot create the admin:\n${[...lines].join('\n')}`;
}

export type CreatedAdmin = { id: string; email: string; name: string; isFirstAdmin: boolean };

/**
 * Creates an admin account. The caller is the operator's shell, so there is no actor to authorize.
 * Throws AppError VALIDATION (message lists the problems in English) or CONFLICT (email taken).
 */
export async function createAdmin(input: { email?: string; password?: string; name?: string }, database: Database): Promise<CreatedAdmin> {
  const parsed = createAdminCliSchema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', describeProblems(parsed.error));
  const { email, password } = parsed.data;
  const name = parsed.data.name || email.split('@')[0]!;
  try {
    const existingAdmin = await database.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
    if (!existingAdmin) {
      try {
        // The first admin goes through the same path as /setup, which also retires the setup token.
        const user = await createFirstAdmin({ token: null, name, email, password }, { via: 'cli' }, database);
        return { ...user, isFirstAdmin: true };
      } catch (e) {
        // Someone finished /setup meanwhile: create an additional admin below.
        if (!(e instanceof AppError && e.code === 'FORBIDDEN')) throw e;
      }
    }
    const user = await database.transaction(async (tx) => {
      const created = await insertUser(tx, { email, name, password, role: 'admin' });
      await writeAudit(tx, { actorId: created.id, action: 'setup.admin_created', targetType: 'user', targetId: created.id, data: { via: 'cli' } });
      return created;
    });
    return { ...user, isFirstAdmin: false };
  } catch (e) {
    if (e instanceof AppError && e.extra.fieldErrors?.email?.includes('validation.emailTaken')) {
      throw new AppError('CONFLICT', `A user with this email already exists: ${email}`);
    }
    throw e;
  }
}

const usage = `usage: npm run create-admin -- --email <email> --password <password> [--name <name>]
       npm run create-admin -- --email <email> --password-stdin [--name <name>] < password.txt
The password needs at least 10 characters with a letter and a digit or symbol.`;

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        // Keeps the password out of the shell history and the process list.
        'password-stdin': { type: 'boolean' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${usage}`);
    return 1;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const password = values['password-stdin'] ? await readStdin() : values.password;
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (npm run create-admin sets it for the embedded server).');
    return 1;
  }
  const { db, sql } = createDb(url, { max: 1 });
  try {
    const admin = await createAdmin({ email: values.email, password, name: values.name }, db);
    console.log(`Created admin ${admin.email} (name "${admin.name}", id ${admin.id}).`);
    console.log(admin.isFirstAdmin ? 'This is the first admin: the /setup page is now closed. Sign in with this email and password.' : 'Sign in with this email and password.');
    return 0;
  } catch (e) {
    if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'CONFLICT')) {
      console.error(e.message);
      if (e.code === 'VALIDATION') console.error(`\n${usage}`);
    } else {
      console.error(`create-admin failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return 1;
  } finally {
    await sql.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().then((code) => (process.exitCode = code));
}
