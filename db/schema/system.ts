import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const appSettings = pgTable('app_settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const logLevels = ['warn', 'error', 'fatal'] as const;
export const logLevel = pgEnum('log_level', logLevels);
export type PersistedLogLevel = (typeof logLevels)[number];

// Only warnings and worse are persisted; info goes to stdout only.
export const systemLogs = pgTable(
  'system_logs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    level: logLevel().notNull(),
    source: text().notNull(),
    message: text().notNull(),
    requestId: text(),
    userId: uuid(),
    data: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('system_logs_created_at_idx').on(t.createdAt),
    index('system_logs_level_created_idx').on(t.level, t.createdAt),
    index('system_logs_source_idx').on(t.source),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    // Nullable: failed sign-ins and first-run setup have no signed-in actor.
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    requestId: text(),
    data: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_created_at_idx').on(t.createdAt),
    index('audit_events_actor_idx').on(t.actorId, t.createdAt),
    index('audit_events_action_idx').on(t.action, t.createdAt),
    index('audit_events_target_idx').on(t.targetType, t.targetId),
  ],
);
