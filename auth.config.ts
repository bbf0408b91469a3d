import type { NextAuthConfig } from 'next-auth';

// Database-free part of the Auth.js config (kept apart so an edge or proxy context could import it).
// The real checks (session version, blocked users, roles) happen in lib/auth/session.ts.
export const authConfig = {
  pages: { signIn: '/login' },
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid as string;
      session.sv = (token.sv as number | undefined) ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;

declare module 'next-auth' {
  interface Session {
    sv: number;
  }
}
