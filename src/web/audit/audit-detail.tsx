import type { AuditEntry } from '../api/types';

const json = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);

/** Before and after side by side (stacked on phones), plus the detail and the chain hash. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  return (
    <div className="audit-detail">
      <div className="diff">
        <div>
          <h4>Before</h4>
          <pre>{json(entry.before)}</pre>
        </div>
        <div>
          <h4>After</h4>
          <pre>{json(entry.after)}</pre>
        </div>
      </div>
      {entry.detail !== null && entry.detail !== undefined ? (
        <>
          <h4>Detail</h4>
          <pre>{json(entry.detail)}</pre>
        </>
      ) : null}
      <p className="hint">
        Entry #{entry.id} · hash <code>{entry.hash}</code>
      </p>
    </div>
  );
}
