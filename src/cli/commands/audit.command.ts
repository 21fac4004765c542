import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `smin audit verify`: recomputes the hash chain of the audit trail and reports every break. */
export function auditCommand(program: Command, context: CliContext): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('recompute every hash of the audit trail and check every link')
    .addHelpText(
      'after',
      `
Prints "audit trail intact: N entries" and exits 0, or one line per break and exits 1:
  entry ID: hash-mismatch   the entry was changed after it was written
  entry ID: broken-link     the entry before it was deleted, or an entry was inserted`,
    )
    .action(async () => (await import('../actions/audit.action')).verifyAction(context));
}
