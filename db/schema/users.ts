import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgEnum, real, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { locales, platformRoles, themes } from '../../lib/constants';

export { locales, platformRoles, themes, type Locale, type PlatformRole, type Theme } from '../../lib/constants';
export const platformRole = pgEnum('platform_role', platformRoles);
export const themeEnum = pgEnum('theme', themes);
export const localeEnum = pgEnum('locale', locales);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index enforces one account per address.
    email: text().notNull(),
    name: text().notNull().default(''),
    emailVerified: timestamp({ withTimezone: true, mode: 'date' }),
    image: text(),
    passwordHash: text(),
    role: platformRole().notNull().default('student'),
    // Bumped on password change, role change and block: every JWT carrying an older value is dead.
    sessionVersion: integer().notNull().default(1),
    blockedAt: timestamp({ withTimezone: true }),
    blockedReason: text(),
    // A timed suspension (moderation) ends here; null with blockedAt set means until unblocked.
    blockedUntil: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_role_idx').on(t.role),
    index('users_created_at_idx').on(t.createdAt),
  ],
);

// Auth.js adapter table for OAuth accounts (GitHub/Google) linked to a user.
export const accounts = pgTable(
  'accounts',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const userPreferences = pgTable('user_preferences', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  theme: themeEnum(),
  locale: localeEnum(),
  // The player's remembered choices.
  playbackRate: real(),
  captionLang: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Only a SHA-256 of the token is stored: a database leak does not yield usable links.
    tokenHash: text().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('password_reset_tokens_hash_key').on(t.tokenHash)],
);

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    email: text().notNull(),
    ip: text().notNull(),
    success: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_attempts_email_idx').on(t.email, t.createdAt),
    index('sign_in_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);

export const usersEmailLower = sql`lower(${users.email})`;
