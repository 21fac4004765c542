import { SelectField } from '../ui/field';

type Option = { value: string; label: string };

/**
 * The organizations an incident affected: a native select adds one, a button removes it. No
 * multi-select widget: this works the same with a thumb on a phone and with a keyboard.
 */
export function OrganizationsField({
  value,
  onChange,
  options,
  error,
}: {
  value: string[];
  onChange: (codes: string[]) => void;
  options: readonly Option[];
  error?: string;
}) {
  const name = (code: string) => options.find((o) => o.value === code)?.label ?? code;
  return (
    <div className="span-all organizations-field">
      <SelectField
        label="Organizations affected"
        value=""
        onChange={(code) => code && !value.includes(code) && onChange([...value, code])}
        options={options.filter((o) => !value.includes(o.value))}
        placeholder={value.length ? 'Add another organization' : 'Add an organization'}
        error={error}
        hint="Each organization's security team sees its incidents, wherever they happen."
      />
      {value.length > 0 ? (
        <ul className="chip-list" aria-label="Organizations affected">
          {value.map((code) => (
            <li key={code} className="chip">
              <span>{name(code)}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${name(code)}`}
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
