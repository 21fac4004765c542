import type { ImportResult } from '../api/types';
import { TableWrap } from '../ui/page';

/** The outcome of an import: counts, then every rejected row with its line and reason. */
export function ImportResultView({ result }: { result: ImportResult }) {
  const rejected = result.rejected.length;
  return (
    <section className="panel" aria-label="Import result" data-testid="import-result">
      <h2>Result</h2>
      <p className={rejected ? 'notice' : 'success'} role="status">
        {result.total} rows read: <strong>{result.created} created</strong>,{' '}
        <strong>{result.updated} updated</strong>,{' '}
        {result.unchanged !== undefined ? `${result.unchanged} unchanged, ` : ''}
        <strong>{rejected} rejected</strong>.
      </p>
      {rejected > 0 ? (
        <TableWrap label="Rejected rows">
          <table>
            <caption className="sr-only">Rejected rows</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Field</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((r) => (
                <tr key={`${r.line}:${r.field}:${r.message}`}>
                  <td className="num">{r.line}</td>
                  <td>{r.field || '—'}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
