// Shared by lib/courses/*.int.test.ts only.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { createUser } from '@/db/factories';
import { auditEvents, courses, type PlatformRole } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';

export const actorOf = (u: { id: string; email: string; name: string; role: PlatformRole }): SessionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });
export const makeActor = async (role: PlatformRole = 'author') => actorOf(await createUser(db, { role }));
/** Letters only, so it survives slugify unchanged and keeps each test's slugs apart. */
export const uniqueWord = () => randomUUID().replace(/[^a-f]/g, '').slice(0, 8).padEnd(6, 'x');
export const courseRow = (id: string) => db.query.courses.findFirst({ where: eq(courses.id, id) });
export const auditFor = (courseId: string) => db.select().from(auditEvents).where(eq(auditEvents.targetId, courseId));
