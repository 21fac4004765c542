import type { Contact } from '../api/threat-types';
import { TextField } from '../ui/field';

/** Editable contact rows (role, name, phone, e-mail); blank optional fields are left out on save. */
export function ContactsEditor({
  value,
  onChange,
  error,
}: {
  value: Contact[];
  onChange: (next: Contact[]) => void;
  error?: string;
}) {
  const set = (i: number, patch: Partial<Contact>) =>
    onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <fieldset className="contacts-editor span-all">
      <legend className="label">Contacts</legend>
      {value.map((c, i) => (
        // Rows have no id of their own; the index is stable while the list is edited in place.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="contact-row" key={i}>
          <TextField label={`Role ${i + 1}`} value={c.role} onChange={(v) => set(i, { role: v })} required />
          <TextField label={`Name ${i + 1}`} value={c.name} onChange={(v) => set(i, { name: v })} required />
          <TextField
            label={`Phone ${i + 1}`}
            type="tel"
            value={c.phone ?? ''}
            onChange={(v) => set(i, { phone: v })}
          />
          <TextField
            label={`E-mail ${i + 1}`}
            type="email"
            value={c.email ?? ''}
            onChange={(v) => set(i, { email: v })}
          />
          <button
            type="button"
            className="button secondary small"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={`Remove contact ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button secondary small"
        onClick={() => onChange([...value, { role: '', name: '' }])}
      >
        Add contact
      </button>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** Trims every field and drops blank optional ones, which the server would reject as invalid. */
export function cleanContacts(contacts: Contact[]): Contact[] {
  return contacts.map((c) => {
    const out: Contact = { role: c.role.trim(), name: c.name.trim() };
    if (c.phone?.trim()) out.phone = c.phone.trim();
    if (c.email?.trim()) out.email = c.email.trim();
    return out;
  });
}
