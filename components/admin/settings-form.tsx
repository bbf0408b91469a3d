'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { updateSettingsAction } from '@/lib/settings/actions';

export function SettingsForm({ settings }: { settings: { registrationOpen: boolean } }) {
  const t = useTranslations('adminSettings');
  const [open, setOpen] = useState(settings.registrationOpen);
  const [pending, start] = useTransition();
  return (
    <div className="flex items-start gap-3">
      <input
        id="registrationOpen"
        type="checkbox"
        className="mt-1 h-4 w-4"
        checked={open}
        disabled={pending}
        aria-describedby="registrationOpen-hint"
        onChange={(e) => {
          const next = e.target.checked;
          setOpen(next);
          start(async () => {
            const r = await updateSettingsAction({ registrationOpen: next });
            if (r.ok) toast.success(t('saved'));
            else {
              setOpen(!next);
              toast.error(r.error.message);
            }
          });
        }}
      />
      <div>
        <label htmlFor="registrationOpen" className="font-medium">
          {t('registrationOpen')}
        </label>
        <p id="registrationOpen-hint" className="text-sm text-slate-600 dark:text-slate-400">
          {t('registrationOpenHint')}
        </p>
      </div>
    </div>
  );
}
