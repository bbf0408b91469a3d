import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/auth/password-forms';
import { PreferenceSwitcher } from '@/components/preferences/preference-switcher';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations('account');
  const roles = await getTranslations('roles');
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t('profile')}</h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="font-medium">{t('name')}</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('email')}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt className="font-medium">{t('role')}</dt>
              <dd>{roles(user.role)}</dd>
            </div>
          </dl>
          <h2 className="mb-2 mt-6 text-lg font-semibold">{t('preferences')}</h2>
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('preferencesHint')}</p>
          <PreferenceSwitcher signedIn />
        </Card>
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t('changePassword')}</h2>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
