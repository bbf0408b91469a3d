'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_MESSAGE, isAllowedExtension } from '@/lib/attachments/constants';
import { reviewHomeworkAction, submitHomeworkAction } from '@/lib/homework/actions';
import type { HomeworkThreadDto } from '@/lib/homework/dto';

type SubmissionStatus = HomeworkThreadDto['status'];

// The message composer of a homework thread: Markdown text, files from the picker, pasted
// screenshots and dropped files. Files upload at once (signed PUT, then the server checks them);
// the text is kept in localStorage as a draft until a message is sent, so nothing typed is lost
// when storage or the network fails.

type Pending = { localId: string; name: string; previewUrl: string | null; state: 'uploading' | 'ready' | 'error'; attachmentId?: string; error?: string };
type Props =
  | { mode: 'student'; courseId: string; lessonId: string; status: SubmissionStatus | null }
  | { mode: 'teacher'; courseId: string; lessonId: string; studentId: string; submissionId: string; status: SubmissionStatus };

// Drafts live in localStorage (memory when it is unavailable), read through an external store so
// the server render and hydration agree.
const memory = new Map<string, string>();
const draftListeners = new Set<() => void>();
const subscribeDraft = (l: () => void) => {
  draftListeners.add(l);
  return () => draftListeners.delete(l);
};
function readDraft(key: string) {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? '';
  } catch {
    return memory.get(key) ?? '';
  }
}
function writeDraft(key: string, value: string) {
  memory.set(key, value);
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // Private mode or a full quota: the draft lives in memory only.
  }
  draftListeners.forEach((l) => l());
}

const ERROR_KEYS = new Set(['fileEmpty', 'fileTooLarge', 'fileType', 'fileRejected', 'fileMissing', 'tooManyFiles', 'emptyMessage', 'returnNeedsComment', 'gradeRange', 'claimedByOther']);

export function HomeworkComposer(props: Props) {
  const t = useTranslations('homework');
  const tRoot = useTranslations();
  const router = useRouter();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [grade, setGrade] = useState('');
  const [files, setFiles] = useState<Pending[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pending, start] = useTransition();
  const draftKey = `lectern:homework-draft:${props.lessonId}:${props.mode === 'teacher' ? props.studentId : 'me'}`;

  const text = useSyncExternalStore(subscribeDraft, () => readDraft(draftKey), () => '');
  const updateText = (v: string) => writeDraft(draftKey, v);

  const keyText = (key: string | undefined) => {
    const short = key?.replace(/^homework\./, '');
    if (short && ERROR_KEYS.has(short)) return t(short as never);
    return key && tRoot.has(key as never) ? tRoot(key as never) : null;
  };

  const patch = (localId: string, p: Partial<Pending>) => setFiles((fs) => fs.map((f) => (f.localId === localId ? { ...f, ...p } : f)));

  async function upload(file: File, localId: string) {
    const fail = (reason: string) => patch(localId, { state: 'error', error: t('uploadFailed', { name: file.name, reason }) });
    try {
      const body = { courseId: props.courseId, lessonId: props.lessonId, studentId: props.mode === 'teacher' ? props.studentId : undefined, filename: file.name, type: file.type, size: file.size };
      const res = await fetch('/api/attachments', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const data = await res.json().catch(() => null);
      if (!res.ok) return fail(keyText(data?.error?.fieldErrors?.file?.[0]) ?? (res.status === 503 ? t('storageDown') : (data?.error?.message ?? t('storageDown'))));
      const put = await fetch(data.url, { method: 'PUT', body: file }).catch(() => null);
      if (!put?.ok) return fail(t('storageDown'));
      const done = await fetch(`/api/attachments/${data.attachmentId}/complete`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      const doneData = await done.json().catch(() => null);
      if (!done.ok) return fail(keyText(doneData?.error?.fieldErrors?.file?.[0]) ?? (done.status === 503 ? t('storageDown') : (doneData?.error?.message ?? t('storageDown'))));
      patch(localId, { state: 'ready', attachmentId: data.attachmentId });
    } catch {
      fail(t('storageDown'));
    }
  }

  function addFiles(list: FileList | File[]) {
    const incoming = Array.from(list);
    if (!incoming.length) return;
    const room = ATTACHMENTS_PER_MESSAGE - files.filter((f) => f.state !== 'error').length;
    if (incoming.length > room) setErrors([t('tooManyFiles')]);
    for (const raw of incoming.slice(0, Math.max(0, room))) {
      // Pasted screenshots arrive as "image.png"; give them a name that says what they are.
      const file = raw.name === 'image.png' || !raw.name ? new File([raw], `screenshot-${new Date().toISOString().replace(/[:.]/g, '-')}.png`, { type: raw.type || 'image/png' }) : raw;
      const localId = crypto.randomUUID();
      const previewUrl = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      const early = file.size === 0 ? t('fileEmpty') : file.size > ATTACHMENT_MAX_BYTES ? t('fileTooLarge') : !isAllowedExtension(file.name) ? t('fileType') : null;
      setFiles((fs) => [...fs, { localId, name: file.name, previewUrl, state: early ? 'error' : 'uploading', error: early ? t('uploadFailed', { name: file.name, reason: early }) : undefined }]);
      if (!early) void upload(file, localId);
    }
  }

  const removeFile = (localId: string) =>
    setFiles((fs) => {
      const f = fs.find((x) => x.localId === localId);
      if (f?.previewUrl) URL.revokeObjectURL(f.previewUrl);
      return fs.filter((x) => x.localId !== localId);
    });

  const uploading = files.some((f) => f.state === 'uploading');
  const readyIds = files.filter((f) => f.state === 'ready').map((f) => f.attachmentId!);

  function send(decision?: 'comment' | 'return' | 'accept') {
    setErrors([]);
    start(async () => {
      const r =
        props.mode === 'student'
          ? await submitHomeworkAction({ courseId: props.courseId, lessonId: props.lessonId, body: text, attachmentIds: readyIds })
          : await reviewHomeworkAction({ submissionId: props.submissionId, decision: decision ?? 'comment', body: text, attachmentIds: readyIds, grade: grade.trim() === '' ? null : Number(grade) });
      if (r.ok) {
        for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
        setFiles([]);
        updateText('');
        setGrade('');
        toast.success(t('composer.sent'));
        router.refresh();
      } else {
        const fe = r.error.fieldErrors ? Object.values(r.error.fieldErrors).flat().map((k) => keyText(k) ?? k) : [];
        setErrors([...(fe.length ? fe : [r.error.message]), t('composer.draftKept')]);
      }
    });
  }

  const label = props.mode === 'teacher' ? t('composer.teacherLabel') : t('composer.label');
  const submitLabel = props.mode === 'student' ? (props.status === null ? t('composer.submit') : props.status === 'needs_revision' ? t('composer.resubmit') : t('composer.send')) : '';

  return (
    <form
      className={`space-y-3 rounded-lg border p-4 ${dragging ? 'border-brand-600 bg-indigo-50 dark:bg-indigo-950' : 'border-slate-200 dark:border-slate-800'}`}
      data-testid="homework-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send('comment');
      }}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        setDragging(false);
        addFiles(e.dataTransfer.files);
      }}
    >
      <label htmlFor={`${id}-text`} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        value={text}
        onChange={(e) => updateText(e.target.value)}
        onPaste={(e) => {
          const pasted = Array.from(e.clipboardData.files);
          if (pasted.length) {
            e.preventDefault();
            addFiles(pasted);
          }
        }}
        rows={6}
        maxLength={20000}
        aria-describedby={`${id}-hint`}
        className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
        {dragging ? t('composer.dropHere') : t('composer.hint')}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input ref={fileInput} id={`${id}-files`} type="file" multiple accept={ACCEPT_ATTRIBUTE} hidden aria-label={t('composer.attach')} onChange={(e) => {
          if (e.target.files) addFiles(e.target.files);
          e.target.value = '';
        }} />
        <Button variant="secondary" size="sm" onClick={() => fileInput.current?.click()}>
          📎 {t('composer.attach')}
        </Button>
      </div>
      {files.length > 0 && (
        <ul aria-label={t('composer.attachments')} className="flex flex-wrap gap-3" data-testid="composer-files">
          {files.map((f) => (
            <li key={f.localId} className="flex max-w-xs items-center gap-2 rounded border border-slate-200 p-2 text-sm dark:border-slate-700" data-state={f.state}>
              {/* Local previews are blob: URLs of the user's own file. */}
              {/* eslint-disable-next-line @next/next/no-img-element -- a blob: preview cannot go through next/image */}
              {f.previewUrl && <img src={f.previewUrl} alt="" className="h-10 w-10 rounded object-cover" />}
              <span className="min-w-0 flex-1">
                <span className="block truncate">{f.name}</span>
                {f.state === 'uploading' && <span className="text-xs text-slate-600 dark:text-slate-400">{t('composer.uploading', { name: f.name })}</span>}
                {f.state === 'error' && (
                  <span role="alert" className="block text-xs text-red-700 dark:text-red-300">
                    {f.error}
                  </span>
                )}
              </span>
              <Button variant="ghost" size="sm" aria-label={t('composer.remove', { name: f.name })} onClick={() => removeFile(f.localId)}>
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="composer-error">
          {errors.map((e, i) => (
            <p key={i}>{e}</p>
          ))}
        </div>
      )}
      {props.mode === 'student' ? (
        <Button type="submit" disabled={pending || uploading}>
          {pending ? t('composer.sending') : submitLabel}
        </Button>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <Button type="submit" variant="secondary" disabled={pending || uploading}>
            {t('composer.comment')}
          </Button>
          <Button variant="danger" disabled={pending || uploading} onClick={() => send('return')}>
            {t('composer.return')}
          </Button>
          <span className="flex items-end gap-2">
            <span>
              <label htmlFor={`${id}-grade`} className="block text-xs font-medium">
                {t('composer.grade')}
              </label>
              <input
                id={`${id}-grade`}
                type="number"
                min={0}
                max={100}
                step={1}
                inputMode="numeric"
                value={grade}
                onChange={(e) => setGrade(e.target.value)}
                className="w-24 rounded-md border border-slate-300 bg-white p-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
              />
            </span>
            <Button disabled={pending || uploading} onClick={() => send('accept')}>
              {t('composer.accept')}
            </Button>
          </span>
        </div>
      )}
    </form>
  );
}
