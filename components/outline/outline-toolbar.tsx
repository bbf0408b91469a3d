'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { EditorControls } from './editor-controls';
import { emptySelection } from './stores';

type Props = {
  ctl: EditorControls;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  /** Selected lessons that still exist, in outline order. */
  selectedIds: string[];
  hasModules: boolean;
  onCollapseAll: () => void;
  onExpandAll: () => void;
};

export function OutlineToolbar({ ctl, canUndo, canRedo, saving, selectedIds, hasModules, onCollapseAll, onExpandAll }: Props) {
  const t = useTranslations('outline.toolbar');
  const n = selectedIds.length;
  return (
    <div role="toolbar" aria-label={t('label')} className="sticky top-0 z-20 mb-4 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white/95 p-2 shadow-sm backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
      <Button variant="ghost" size="sm" data-i="undo" onClick={() => void ctl.actions.undo()} disabled={!canUndo} className="disabled:opacity-50" aria-keyshortcuts="Control+Z Meta+Z" title={t('undoHint')}>
        {t('undo')}
      </Button>
      <Button variant="ghost" size="sm" data-i="redo" onClick={() => void ctl.actions.redo()} disabled={!canRedo} className="disabled:opacity-50" aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y" title={t('redoHint')}>
        {t('redo')}
      </Button>
      {hasModules && (
        <>
          <span className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
          <Button variant="ghost" size="sm" onClick={onExpandAll}>
            {t('expandAll')}
          </Button>
          <Button variant="ghost" size="sm" onClick={onCollapseAll}>
            {t('collapseAll')}
          </Button>
        </>
      )}
      {n > 0 && (
        <div className="flex flex-wrap items-center gap-2" data-testid="selection-bar">
          <span className="mx-1 h-6 w-px bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
          <span className="text-sm font-medium">{t('selected', { count: n })}</span>
          <Button variant="secondary" size="sm" data-i="move" onClick={() => ctl.openMoveDialog(selectedIds)}>
                {t('moveSelected')}
          </Button>
          <Button
            variant="secondary"
            size="sm"
            data-i="trash"
            onClick={() => {
              ctl.selection.set(emptySelection);
              void ctl.actions.deleteLessons(selectedIds);
            }}
          >
                {t('deleteSelected')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => ctl.selection.set(emptySelection)}>
            {t('clearSelection')}
          </Button>
        </div>
      )}
      <span className="ml-auto text-sm text-slate-600 dark:text-slate-400" data-testid="save-status">
        {saving ? t('saving') : t('allSaved')}
      </span>
    </div>
  );
}
