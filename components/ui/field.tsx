import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { cn } from './cn';

const control =
  'block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 dark:bg-slate-900 dark:text-slate-100';

type FieldProps = { id: string; label: ReactNode; errors?: string[]; hint?: ReactNode; children?: ReactNode };

/** Label + control + hint + errors, wired with aria-describedby/aria-invalid so screen readers read the error. */
export function Field({ id, label, errors, hint, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errors && errors.length > 0 && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, errors?: string[], hint?: boolean) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Input({ className, invalid, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean }) {
  return <input aria-invalid={invalid || undefined} className={cn(control, invalid ? 'border-red-600' : 'border-slate-300 dark:border-slate-700', className)} {...props} />;
}

export function Select({ className, invalid, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean }) {
  return <select aria-invalid={invalid || undefined} className={cn(control, invalid ? 'border-red-600' : 'border-slate-300 dark:border-slate-700', className)} {...props} />;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { name: string; label: ReactNode; errors?: string[]; hint?: ReactNode; id?: string };

export function TextField({ name, label, errors, hint, id, ...props }: TextFieldProps) {
  const fid = id ?? `f-${name}`;
  return (
    <Field id={fid} label={label} errors={errors} hint={hint}>
      <Input id={fid} name={name} invalid={Boolean(errors?.length)} aria-describedby={describedBy(fid, errors, Boolean(hint))} {...props} />
    </Field>
  );
}
