import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import compile from 'icu-minify/compile';
import format from 'icu-minify/format';
import nodemailer from 'nodemailer';
import { db } from '@/db/client';
import { userPreferences, users } from '@/db/schema';
import { defaultLocale, locales, type Locale } from '@/lib/constants';
import { env } from '@/lib/env';
import { loggerFor } from '@/lib/logger';
import type { NotificationData } from './mutations';

// Notification emails, only when SMTP_URL is set. The in-app notification is the record; an email
// is a courtesy, so a failure is logged and never fails the change that caused it.

export type MailTransport = { sendMail(mail: { from: string; to: string; subject: string; text: string }): Promise<unknown> };

const log = loggerFor('email');
const g = globalThis as unknown as { __lecternMail?: MailTransport | null };

function transport(): MailTransport | null {
  if (g.__lecternMail === undefined) {
    g.__lecternMail = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 15000 }) : null;
  }
  return g.__lecternMail;
}

/** Tests replace the SMTP boundary (null: email off). */
export function setMailTransport(t: MailTransport | null | undefined) {
  g.__lecternMail = t;
}

// Formatted with icu-minify directly rather than next-intl's translator: the app's bundles alias
// use-intl to its format-only runtime (next.config.mjs) and this module also runs outside them.
const intlFormatters = {
  getNumberFormat: (...a: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...a),
  getDateTimeFormat: (...a: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...a),
  getPluralRules: (...a: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...a),
};

function formatNotification(locale: Locale, data: NotificationData): string {
  const message = notificationMessages(locale)[data.key];
  if (message === undefined) return `notifications.${data.key}`;
  return String(format(compile(message), locale, (data.params ?? {}) as Record<string, string | number>, { formatters: intlFormatters, timeZone: 'UTC' }));
}

const messagesCache = new Map<Locale, Record<string, string>>();
function notificationMessages(locale: Locale) {
  let m = messagesCache.get(locale);
  if (!m) {
    m = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'messages', locale, 'notifications.json'), 'utf8')) as Record<string, string>;
    messagesCache.set(locale, m);
  }
  return m;
}

/**
 * Emails a notification to its user in their language, with an absolute link. Resolves to whether a
 * mail was handed to the SMTP server; never throws. Call it after the notification's transaction.
 */
export async function emailNotification(userId: string, data: NotificationData): Promise<boolean> {
  const mail = transport();
  if (!mail) return false;
  try {
    const [u] = await db.select({ email: users.email, locale: userPreferences.locale }).from(users).leftJoin(userPreferences, eq(userPreferences.userId, users.id)).where(eq(users.id, userId));
    if (!u) return false;
    const locale: Locale = u.locale && (locales as readonly string[]).includes(u.locale) ? u.locale : defaultLocale;
    const subject = formatNotification(locale, data);
    const link = new URL(data.href ?? '/notifications', env.APP_URL).toString();
    await mail.sendMail({ from: env.SMTP_FROM, to: u.email, subject, text: `${subject}\n\n${link}\n` });
    return true;
  } catch (e) {
    log.warn({ userId, key: data.key, err: e instanceof Error ? e.message : String(e) }, 'notification email failed');
    return false;
  }
}
