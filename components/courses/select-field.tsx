import type { ReactNode, SelectHTMLAttributes } from 'react';
import { describedBy, Field, Select } from '@/components/ui/field';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { name: string; label: ReactNode; options: { value: string; label: string }[]; errors?: string[]; hint?: ReactNode };

/** A labelled select with the same hint and error wiring as TextField. */
export function SelectField({ name, label, options, errors, hint, ...props }: Props) {
  const id = `f-${name}`;
  return (
    <Field id={id} label={label} errors={errors} hint={hint}>
      <Select id={id} name={name} invalid={Boolean(errors?.length)} aria-describedby={describedBy(id, errors, Boolean(hint))} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
