'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/courses/confirm-dialog';
import { ActionButton } from '@/components/ui/action-button';
import { formatBytes } from '@/lib/format-bytes';
import { deleteMaterialAction, reextractMaterialAction, renameMaterialAction } from '@/lib/materials/actions';
import { MATERIAL_MAX_BYTES } from '@/lib/materials/constants';
import type { MaterialDto } from '@/lib/materials/dto';
import { MaterialStatus } from './material-status';
import { MaterialUploader } from './material-uploader';

const POLL_MS = 2000;

/** The author's list of a lesson's (or the course's) materials: upload, replace, delete, extraction progress. */
export function MaterialsEditor({ courseId, lessonId, materials }: { courseId: string; lessonId?: string; materials: MaterialDto[] }) {
  const t = useTranslations('materials');
  const router = useRouter();
  const extracting = materials.some((m) => m.extractStatus === 'queued' || m.extractStatus === 'processing');
  useEffect(() => {
    if (!extracting) return;
    // Extraction runs in the worker: refresh the server data until it is done.
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [extracting, router]);

  return (
    <div className="space-y-4" data-testid="materials-editor">
      {materials.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {materials.map((m) => (
            <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="material-row" data-extract-status={m.extractStatus}>
              <div className="min-w-0">
                <MaterialTitle material={m} />
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {m.isReady ? `${m.filename} · ${formatBytes(m.size)}` : t('uploadPending')}
                </p>
                {m.isReady && <MaterialStatus material={m} />}
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {m.isReady && m.isPdf && (
                  <a className="text-sm text-brand-600 underline dark:text-indigo-300" href={`/materials/${m.id}`}>
                    {t('open')}
                  </a>
                )}
                {m.isReady && <MaterialUploader courseId={courseId} lessonId={lessonId} materialId={m.id} label={t('replace')} />}
                {m.isPdf && (m.extractStatus === 'failed' || m.extractStatus === 'done' || m.extractStatus === 'no_text') && (
                  <ActionButton variant="secondary" size="sm" run={() => reextractMaterialAction({ materialId: m.id })}>
                    {t('reextract')}
                  </ActionButton>
                )}
                <ConfirmDialog
                  trigger={t('delete')}
                  triggerProps={{ variant: 'ghost', size: 'sm' }}
                  title={t('deleteConfirm', { title: m.title })}
                  confirmLabel={t('delete')}
                  confirmVariant="danger"
                  onConfirm={async () => {
                    const r = await deleteMaterialAction({ materialId: m.id });
                    if (r.ok) router.refresh();
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div>
        <MaterialUploader courseId={courseId} lessonId={lessonId} label={t('upload')} />
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('limits', { max: formatBytes(MATERIAL_MAX_BYTES) })}</p>
      </div>
    </div>
  );
}

/** The title, editable in place (Rename → field → Save). */
function MaterialTitle({ material: m }: { material: MaterialDto }) {
  const t = useTranslations('materials');
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(m.title);
  const [pending, setPending] = useState(false);
  if (!editing)
    return (
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{m.title}</span>
        <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`${t('rename')}: ${m.title}`}>
          {t('rename')}
        </Button>
      </p>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await renameMaterialAction({ materialId: m.id, title });
        setPending(false);
        if (!r.ok) return void toast.error(r.error.message);
        setEditing(false);
        router.refresh();
      }}
    >
      <input
        aria-label={t('titleLabel', { name: m.filename })}
        value={title}
        maxLength={200}
        required
        onChange={(e) => setTitle(e.currentTarget.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <Button type="submit" size="sm" disabled={pending}>
        {t('save')}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
        {t('cancel')}
      </Button>
    </form>
  );
}
