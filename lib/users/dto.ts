import type { PlatformRole } from '@/db/schema';

export type UserListItem = {
  id: string;
  email: string;
  name: string;
  role: PlatformRole;
  isBlocked: boolean;
  createdAt: string;
  lastSignInAt: string | null;
};

export type UserList = { items: UserListItem[]; total: number; page: number; pageSize: number };
