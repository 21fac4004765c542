import { messageOf, ProblemError } from '../api/client';

export type FieldErrors = Record<string, string>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Splits a failed request into messages for the form's own fields and the rest. Server field
 * paths are dotted (`polygon.coordinates`) or database columns (`area_id`); both are reduced to
 * the form field they concern, with `aliases` for names that differ (`areaId` → `areaCode`).
 */
export function splitProblem(
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): { byField: FieldErrors; other: string[] } {
  const byField: FieldErrors = {};
  const other: string[] = [];
  if (!(error instanceof ProblemError)) return { byField, other: error ? [messageOf(error)] : [] };
  for (const fe of error.errors) {
    const first = camel(fe.field.split('.')[0] ?? '');
    const name = aliases[first] ?? first;
    if (fields.includes(name)) byField[name] = byField[name] ? `${byField[name]}; ${fe.message}` : fe.message;
    else other.push(fe.field && fe.field !== 'body' ? `${fe.field}: ${fe.message}` : fe.message);
  }
  return { byField, other };
}

/** The summary above a form: the problem's detail plus field errors no field could show. */
export function FormProblem({ error, other }: { error: unknown; other: string[] }) {
  if (!error) return null;
  const hasFieldErrors = error instanceof ProblemError && error.errors.length > other.length;
  const detail = hasFieldErrors ? 'Please correct the highlighted fields.' : messageOf(error);
  return (
    <div className="form-problem" role="alert">
      <p>{detail}</p>
      {other.length > 0 ? (
        <ul>
          {other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
