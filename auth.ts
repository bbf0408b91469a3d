import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import type { Provider } from 'next-auth/providers';
import { authConfig } from './auth.config';
import { db } from '@/db/client';
import { accounts, users } from '@/db/schema';
import { env } from '@/lib/env';
import { checkCredentials, getSessionVersion, isUserBlocked } from '@/lib/auth/sign-in';
import { claimCourseInvites } from '@/lib/enrollments/mutations';
import { ipFromHeaders } from '@/lib/request';
import { loggerFor } from '@/lib/logger';

const authLog = loggerFor('auth');

/** Carries why a credentials sign-in failed to the sign-in action (`invalid`, `throttled:N`, `blocked`). */
export class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: {}, password: {} },
    async authorize(credentials, request) {
      const result = await checkCredentials(
        { email: String(credentials?.email ?? ''), password: String(credentials?.password ?? '') },
        ipFromHeaders(request.headers),
      );
      if (!result.ok) throw new SignInRefused(result.reason === 'throttled' ? `throttled:${result.retryAfterSeconds}` : result.reason);
      return { id: result.user.id, email: result.user.email, name: result.user.name };
    },
  }),
];
if (env.AUTH_GITHUB_ID) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
if (env.AUTH_GOOGLE_ID) providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  secret: env.AUTH_SECRET,
  // Only used by OAuth providers (to create and link users); credentials sign-in bypasses it.
  adapter: DrizzleAdapter(db, { usersTable: users as never, accountsTable: accounts as never }),
  providers,
  // Route Auth.js's own logging into pino. A refused credentials sign-in is an expected outcome
  // (already audited), not an error with a stack trace.
  logger: {
    error(error) {
      if (error.name === 'CredentialsSignin' || error instanceof CredentialsSignin) return;
      authLog.error({ err: { name: error.name, message: error.message } }, 'Auth.js error');
    },
    warn(code) {
      authLog.warn({ code }, 'Auth.js warning');
    },
    debug() {},
  },
  events: {
    // Every successful sign-in (password or OAuth): course invites sent to this address before the
    // account existed become enrollments. Never throws (it logs), so it cannot undo a sign-in.
    async signIn({ user }) {
      if (user.id && user.email) await claimCourseInvites(user.id, user.email.toLowerCase());
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ user }) {
      // OAuth users can be blocked too; credentials users were already checked in authorize.
      if (!user.id) return true;
      return !(await isUserBlocked(user.id));
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = await getSessionVersion(user.id);
      }
      return token;
    },
  },
});
