import { Command } from 'commander';
import { API_VERSION } from '../server/version';
import { auditCommand } from './commands/audit.command';
import { backupCommand } from './commands/backup.command';
import { costshareCommand } from './commands/costshare.command';
import { dbCommand } from './commands/db.command';
import { demoCommand } from './commands/demo.command';
import { importCommand } from './commands/import.command';
import { incidentsCommand } from './commands/incidents.command';
import { notifyCommand } from './commands/notify.command';
import { peopleCommand, trainingCommand } from './commands/people.command';
import { rollcallCommand } from './commands/rollcall.command';
import { serveCommand } from './commands/serve.command';
import { srmCommand } from './commands/srm.command';
import { threatsCommand } from './commands/threats.command';
import { travelCommand } from './commands/travel.command';
import { userCommand } from './commands/user.command';
import type { CliContext } from './context';

/**
 * The `smin` program: global options on the root, one sub-command per task. `env` is the process
 * environment, read only to fill in options that were not given (ARCHITECTURE.md convention 4).
 */
export function buildProgram(env: Record<string, string | undefined>): Command {
  const program = new Command('smin')
    .description('OpenSMIN command line: database set-up, demo data, imports, users, audit checks')
    .version(API_VERSION)
    .option('--data-dir <dir>', 'PGlite data directory (env SMIN_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string; overrides --data-dir (env DATABASE_URL)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 success, 1 failure (message on stderr), 2 import with every row rejected.',
  );
  const context: CliContext = { env, globals: () => program.opts() };
  // Sub-commands are created with program.command() so they inherit exitOverride and help settings.
  for (const register of [
    dbCommand,
    demoCommand,
    importCommand,
    threatsCommand,
    srmCommand,
    incidentsCommand,
    travelCommand,
    peopleCommand,
    trainingCommand,
    userCommand,
    auditCommand,
    backupCommand,
    notifyCommand,
    rollcallCommand,
    costshareCommand,
    serveCommand,
  ]) {
    register(program, context);
  }
  return program;
}
