// Icons are drawn by CSS (outline.css: `[data-i=name]::before`, a mask in the text colour), so a
// button or label shows one with a data attribute and no extra element. Controls that show only an
// icon carry an aria-label.
export type IconName = 'grip' | 'chevron' | 'trash' | 'up' | 'down' | 'move' | 'edit' | 'undo' | 'redo' | 'video' | 'text' | 'quiz' | 'homework' | 'pdf';

/** A standalone icon, for places where the icon is not the ::before of a control. */
export const Icon = ({ name }: { name: IconName }) => <span data-i={name} aria-hidden="true" className="inline-flex" />;
