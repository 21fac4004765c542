import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { FieldProblem } from '../api/client';
import { FormProblem } from './form-errors';

/** String-valued form state with a binder for the field components. */
export function useForm<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const field = (name: keyof T & string) => ({
    value: values[name],
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
  });
  return { values, field, setValues };
}

/**
 * A create/edit form shown inline above a table. The heading takes focus when it opens so that
 * keyboard and screen-reader users land in the form.
 */
export function FormPanel({
  title,
  submitLabel,
  pending,
  error,
  other,
  onSubmit,
  onCancel,
  children,
  headingLevel: Heading = 'h2',
}: {
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  other: FieldProblem[];
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
  /** h3 or h4 when the form opens inside a section that has its own heading (an SRM's risk). */
  headingLevel?: 'h2' | 'h3' | 'h4';
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <section className="panel form-panel" aria-label={title}>
      <Heading ref={heading} tabIndex={-1}>
        {title}
      </Heading>
      <form onSubmit={submit} noValidate>
        <FormProblem error={error} other={other} />
        <div className="form-grid">{children}</div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Saving…' : submitLabel}
          </button>
          <button type="button" className="button secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

/** Turns an optional numeric text field into a number (undefined when blank, NaN kept for the server to reject). */
export function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

/** Blank text becomes undefined so that optional fields are left out of the request. */
export function optionalText(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}
