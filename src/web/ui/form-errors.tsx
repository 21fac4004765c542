import { type FieldProblem, messageOf, ProblemError } from '../api/client';

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
): { byField: FieldErrors; other: FieldProblem[] } {
  const byField: FieldErrors = {};
  const other: FieldProblem[] = [];
  if (!(error instanceof ProblemError)) return { byField, other };
  for (const fe of error.errors) {
    const first = camel(fe.field.split('.')[0] ?? '');
    const name = aliases[first] ?? first;
    if (fields.includes(name)) byField[name] = byField[name] ? `${byField[name]}; ${fe.message}` : fe.message;
    else other.push(fe);
  }
  return { byField, other };
}

/**
 * The summary above a form. When every field error sits next to its field, it only points
 * there; otherwise it shows the problem's detail and any field error the detail does not
 * already say.
 */
export function FormProblem({ error, other }: { error: unknown; other: FieldProblem[] }) {
  if (!error) return null;
  const problem = error instanceof ProblemError ? error : null;
  if (problem && problem.errors.length > 0 && other.length === 0) {
    return (
      <div className="form-problem" role="alert">
        <p>Please correct the highlighted fields.</p>
      </div>
    );
  }
  const detail = messageOf(error);
  const extra = other.filter((fe) => !detail.includes(fe.message));
  return (
    <div className="form-problem" role="alert">
      <p>{detail}</p>
      {extra.length > 0 ? (
        <ul>
          {extra.map((fe) => (
            <li key={`${fe.field}:${fe.message}`}>
              {fe.field && fe.field !== 'body' ? `${fe.field}: ` : ''}
              {fe.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
