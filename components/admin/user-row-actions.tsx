'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/field';
import { platformRoles, type PlatformRole } from '@/lib/constants';
import type { UserListItem } from '@/lib/users/dto';
import { changeUserRoleAction, createPasswordResetLinkAction, setUserBlockedAction } from '@/lib/users/actions';

export function UserRowActions({ user, isSelf }: { user: UserListItem; isSelf: boolean }) {
  const t = useTranslations('adminUsers');
  const roles = useTranslations('roles');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [role, setRole] = useState<PlatformRole>(user.role);
  const [resetUrl, setResetUrl] = useState<string | null>(null);

  const changeRole = (next: PlatformRole) => {
    const prev = role;
    setRole(next);
    start(async () => {
      const r = await changeUserRoleAction({ userId: user.id, role: next });
      if (r.ok) {
        toast.success(t('roleChanged', { email: user.email, role: roles(next) }));
        router.refresh();
      } else {
        setRole(prev);
        toast.error(r.error.message);
      }
    });
  };
  const toggleBlock = () =>
    start(async () => {
      const r = await setUserBlockedAction({ userId: user.id, blocked: !user.isBlocked });
      if (r.ok) {
        toast.success(user.isBlocked ? t('unblockedToast', { email: user.email }) : t('blockedToast', { email: user.email }));
        router.refresh();
      } else toast.error(r.error.message);
    });
  const makeResetLink = () =>
    start(async () => {
      const r = await createPasswordResetLinkAction({ userId: user.id });
      if (r.ok) setResetUrl(r.data.url);
      else toast.error(r.error.message);
    });

  const roleId = `role-${user.id}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={roleId} className="sr-only">
        {t('roleFor', { email: user.email })}
      </label>
      <Select id={roleId} value={role} disabled={pending} onChange={(e) => changeRole(e.target.value as PlatformRole)} className="w-36">
        {platformRoles.map((r) => (
          <option key={r} value={r}>
            {roles(r)}
          </option>
        ))}
      </Select>
      {!isSelf && (
        <Button size="sm" variant={user.isBlocked ? 'secondary' : 'danger'} disabled={pending} onClick={toggleBlock} aria-label={`${user.isBlocked ? t('unblock') : t('block')} ${user.email}`}>
          {user.isBlocked ? t('unblock') : t('block')}
        </Button>
      )}
      <Button size="sm" variant="secondary" disabled={pending} onClick={makeResetLink} aria-label={`${t('resetLink')} ${user.email}`}>
        {t('resetLink')}
      </Button>
      {resetUrl && (
        <div className="basis-full rounded-md bg-slate-50 p-2 text-xs dark:bg-slate-950" role="status">
          <p className="mb-1">{t('resetLinkHint')}</p>
          <label htmlFor={`reset-${user.id}`} className="sr-only">
            {t('resetLink')}
          </label>
          <input id={`reset-${user.id}`} readOnly value={resetUrl} className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-700 dark:bg-slate-900" onFocus={(e) => e.currentTarget.select()} />
          <Button size="sm" variant="ghost" className="mt-1" onClick={() => navigator.clipboard?.writeText(resetUrl).then(() => toast.success(t('copied')))}>
            {t('copy')}
          </Button>
        </div>
      )}
    </div>
  );
}
