import type { CourseStatus } from '../api/people-types';
import { CertificateBadge } from '../travel/badges';
import { TableWrap } from '../ui/page';

/** Training status per course: the best certificate, its expiry and its state today. */
export function TrainingTable({ training }: { training: Record<string, CourseStatus> }) {
  const rows = Object.entries(training);
  if (rows.length === 0) return <p className="muted">No training recorded.</p>;
  return (
    <TableWrap label="Training">
      <table data-testid="training-table">
        <thead>
          <tr>
            <th scope="col">Course</th>
            <th scope="col">Completed</th>
            <th scope="col">Valid until</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([course, c]) => (
            <tr key={course} data-course={course}>
              <td>{course}</td>
              <td>{c.completedOn ?? '—'}</td>
              <td>{c.completedOn ? (c.expiresOn ?? 'does not expire') : '—'}</td>
              <td>
                <CertificateBadge status={c.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
