import type { InputHTMLAttributes, ReactNode } from 'react';
import { Input, Select } from './field';

// Labelled controls for the GET filter forms above lists (admin logs, audit, users, catalog).

type Option = { value: string; label: ReactNode };

export function FilterSelect({ id, name, label, value, allLabel, options, className }: { id: string; name: string; label: ReactNode; value?: string | null; allLabel: ReactNode; options: Option[]; className?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Select id={id} name={name} defaultValue={value ?? ''} className={className}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

export function FilterInput({ id, label, wrapperClassName, ...props }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: ReactNode; wrapperClassName?: string }) {
  return (
    <div className={wrapperClassName}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Input id={id} {...props} />
    </div>
  );
}
