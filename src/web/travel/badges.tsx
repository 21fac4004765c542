import type { CertificateStatus } from '../api/people-types';
import type { TravelStatus } from '../api/travel-types';

const STATUS_LABELS: Record<TravelStatus, string> = {
  submitted: 'submitted',
  pending: 'pending',
  cleared: 'cleared',
  refused: 'refused',
  cancelled: 'cancelled',
};

/** A request's clearance status; the word is always printed, the colour only helps. */
export function StatusBadge({ status }: { status: TravelStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="travel-status">
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}

export function CertificateBadge({ status }: { status: CertificateStatus }) {
  return <span className={`badge cert-${status}`}>{status}</span>;
}

/** The reasons of a decision, always stated. */
export function Reasons({ reasons }: { reasons: readonly string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" data-testid="travel-reasons">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

/** A certificate's state at a date, when the server does not say: expiring within 90 days. */
export function certificateStatus(expiresOn: string | null, at = new Date()): CertificateStatus {
  if (!expiresOn) return 'valid';
  const end = new Date(`${expiresOn}T23:59:59`);
  if (end < at) return 'expired';
  return end.getTime() - at.getTime() < 90 * 86_400_000 ? 'expiring' : 'valid';
}
