import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { adminExists } from '@/lib/users/queries';

// Signed-in people land on their courses; visitors on the public catalog (or, before first-run
// setup, on the sign-in page, which explains how to create the admin).
export default async function Home() {
  if (await getSessionUser()) redirect('/dashboard');
  redirect((await adminExists()) ? '/catalog' : '/login');
}
