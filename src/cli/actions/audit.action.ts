import { verifyAuditTrail } from '../../server/audit/audit.service';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';
import { startProgress } from '../progress';

/** Verifies the whole chain; every break is printed and makes the command fail. */
export async function verifyAction(context: CliContext): Promise<void> {
  const config = configOf(context);
  const report = await withDatabase(config, { create: false }, async ({ db }) => {
    const progress = startProgress('verifying the audit trail', { unit: 'entries' });
    try {
      return await verifyAuditTrail(db, (checked) => progress.update(checked));
    } finally {
      progress.stop();
    }
  });
  if (report.ok) {
    say(`audit trail intact: ${report.checked} entries`);
    return;
  }
  for (const b of report.breaks) say(`entry ${b.id}: ${b.reason}`);
  throw new CliError(`audit trail broken: ${report.breaks.length} breaks in ${report.checked} entries`);
}
