'use client';

import { useRouter } from 'next/navigation';
import { useTransition, type ReactNode } from 'react';
import { toast } from 'sonner';
import type { ActionError, ActionResult } from '@/lib/errors';
import { Button, type ButtonProps } from './button';

type Props = Omit<ButtonProps, 'onClick' | 'children'> & {
  /** The server action call; on success the page's server data is refreshed. */
  run: () => Promise<ActionResult<unknown>>;
  children: ReactNode;
  /** Shown while the action runs (defaults to the children). */
  pendingLabel?: ReactNode;
  successMessage?: string;
  /** The toast for a failure (defaults to the server's message). */
  errorMessage?: (error: ActionError) => string;
};

/** A button that runs one server action: disabled while pending, a toast on failure, a refresh on success. */
export function ActionButton({ run, children, pendingLabel, successMessage, errorMessage, disabled, ...props }: Props) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      {...props}
      disabled={disabled || pending}
      onClick={() =>
        start(async () => {
          const r = await run();
          if (r.ok) {
            if (successMessage) toast.success(successMessage);
            router.refresh();
          } else toast.error(errorMessage ? errorMessage(r.error) : r.error.message);
        })
      }
    >
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
