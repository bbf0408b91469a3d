import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';

// The public catalog will live here; until then the root sends people where they can act.
export default async function Home() {
  redirect((await getSessionUser()) ? '/dashboard' : '/login');
}
