import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { cn } from '@/components/ui/cn';
import { describedBy, Field } from '@/components/ui/field';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { name: string; label: ReactNode; errors?: string[]; hint?: ReactNode };

/** A multi-line TextField: same label, hint and error wiring as components/ui/field. */
export function TextareaField({ name, label, errors, hint, className, ...props }: Props) {
  const id = `f-${name}`;
  const invalid = Boolean(errors?.length);
  return (
    <Field id={id} label={label} errors={errors} hint={hint}>
      <textarea
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, errors, Boolean(hint))}
        className={cn(
          'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 dark:bg-slate-900 dark:text-slate-100',
          invalid ? 'border-red-600' : 'border-slate-300 dark:border-slate-700',
          className,
        )}
        {...props}
      />
    </Field>
  );
}
