import { getTranslations } from 'next-intl/server';
import { signIn } from '@/auth';
import { Button } from '@/components/ui/button';

/** Shown only for providers whose credentials are configured. */
export async function OAuthButtons({ providers, callbackUrl }: { providers: { github: boolean; google: boolean }; callbackUrl: string }) {
  const enabled = (['github', 'google'] as const).filter((p) => providers[p]);
  if (!enabled.length) return null;
  const t = await getTranslations('auth');
  return (
    <div className="mt-6 space-y-2 border-t border-slate-200 pt-6 dark:border-slate-800">
      {enabled.map((p) => (
        <form
          key={p}
          action={async () => {
            'use server';
            await signIn(p, { redirectTo: callbackUrl });
          }}
        >
          <Button type="submit" variant="secondary" className="w-full">
            {t('continueWith', { provider: p === 'github' ? 'GitHub' : 'Google' })}
          </Button>
        </form>
      ))}
    </div>
  );
}
