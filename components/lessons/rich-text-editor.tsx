'use client';

import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

type Props = { id: string; initialHtml: string; onChange: (html: string) => void; labelledBy: string };

/** Tiptap editor for text lessons. Its HTML is only a draft: the server sanitizes what it stores. */
export function RichTextEditor({ id, initialHtml, onChange, labelledBy }: Props) {
  const t = useTranslations('lessonEditor');
  const editor = useEditor({
    // Rendered on the client only; avoids hydration mismatches in the App Router.
    immediatelyRender: false,
    extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } }), Image, TableKit.configure({ table: { resizable: false } })],
    content: initialHtml,
    editorProps: { attributes: { id, role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': labelledBy, class: 'prose-lesson min-h-64 px-3 py-2 focus:outline-none' } },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            bold: e.isActive('bold'),
            italic: e.isActive('italic'),
            h2: e.isActive('heading', { level: 2 }),
            h3: e.isActive('heading', { level: 3 }),
            bullet: e.isActive('bulletList'),
            ordered: e.isActive('orderedList'),
            quote: e.isActive('blockquote'),
            code: e.isActive('codeBlock'),
            link: e.isActive('link'),
          }
        : null,
  });

  const btn = (label: string, active: boolean | undefined, run: () => void) => (
    <button
      type="button"
      aria-pressed={Boolean(active)}
      onClick={run}
      disabled={!editor}
      className={cn('rounded px-2 py-1 text-sm', active ? 'bg-slate-200 font-semibold dark:bg-slate-700' : 'hover:bg-slate-100 dark:hover:bg-slate-800')}
    >
      {label}
    </button>
  );

  return (
    <div className="rounded-md border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
      <div role="toolbar" aria-label={t('toolbar')} className="flex flex-wrap gap-1 border-b border-slate-200 p-1 dark:border-slate-700">
        {btn(t('bold'), state?.bold, () => editor?.chain().focus().toggleBold().run())}
        {btn(t('italic'), state?.italic, () => editor?.chain().focus().toggleItalic().run())}
        {btn(t('heading2'), state?.h2, () => editor?.chain().focus().toggleHeading({ level: 2 }).run())}
        {btn(t('heading3'), state?.h3, () => editor?.chain().focus().toggleHeading({ level: 3 }).run())}
        {btn(t('bulletList'), state?.bullet, () => editor?.chain().focus().toggleBulletList().run())}
        {btn(t('orderedList'), state?.ordered, () => editor?.chain().focus().toggleOrderedList().run())}
        {btn(t('quote'), state?.quote, () => editor?.chain().focus().toggleBlockquote().run())}
        {btn(t('codeBlock'), state?.code, () => editor?.chain().focus().toggleCodeBlock().run())}
        {btn(t('link'), state?.link, () => {
          if (!editor) return;
          if (editor.isActive('link')) return void editor.chain().focus().unsetLink().run();
          const url = window.prompt(t('linkPrompt'));
          if (url && /^(https?:\/\/|mailto:)/i.test(url)) editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
        })}
        {btn(t('image'), false, () => {
          const url = window.prompt(t('imagePrompt'));
          if (url && /^https?:\/\//i.test(url)) editor?.chain().focus().setImage({ src: url, alt: '' }).run();
        })}
        {btn(t('table'), false, () => editor?.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
      </div>
      <EditorContent editor={editor} />
    </div>
  );
}
