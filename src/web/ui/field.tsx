import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';

interface Common {
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** Label, control, hint and error wired together for screen readers (aria-describedby). */
function Frame({
  id,
  label,
  error,
  hint,
  required,
  children,
}: Common & { id: string; required?: boolean; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

type InputProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextField({ label, error, hint, value, onChange, ...rest }: InputProps) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={rest.required}>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
    </Frame>
  );
}

type Option = { value: string; label: string };

const optionList = (list: readonly Option[]) =>
  list.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));

type SelectProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
    value: string;
    onChange: (value: string) => void;
    options: readonly Option[];
    /** Options under headings (<optgroup>), after the plain options. */
    groups?: readonly { label: string; options: readonly Option[] }[];
    /** Label of an empty first option; omit to force a choice. */
    placeholder?: string;
  };

export function SelectField({
  label,
  error,
  hint,
  value,
  onChange,
  options,
  groups,
  placeholder,
  ...rest
}: SelectProps) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={rest.required}>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {optionList(options)}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {optionList(g.options)}
          </optgroup>
        ))}
      </select>
    </Frame>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  value,
  onChange,
  rows = 4,
}: Common & { value: string; onChange: (value: string) => void; rows?: number }) {
  const id = useId();
  return (
    <Frame id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
    </Frame>
  );
}
