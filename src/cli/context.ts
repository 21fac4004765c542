import type { AppConfig } from '../server/config';
import { cliConfig, type GlobalOptions } from './database';

/** What every command needs from the program: the environment and the root's options. */
export interface CliContext {
  env: Record<string, string | undefined>;
  /** The root program's options, read when the command runs (after parsing). */
  globals(): GlobalOptions;
}

/** The validated configuration for this invocation. */
export function configOf(context: CliContext): AppConfig {
  return cliConfig(context.env, context.globals());
}

/** Writes one line of a command's output (stdout). */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line of diagnostics (stderr): warnings and failure summaries. */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}
