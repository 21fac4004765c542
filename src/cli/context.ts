/**
 * What every command needs from the program, kept free of heavy imports so that `--help` and
 * option errors answer without loading the database engines.
 */

/** The root program's options, shared by every command. */
export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
}

/** The environment and the root's options, handed to every command. */
export interface CliContext {
  env: Record<string, string | undefined>;
  /** The root program's options, read when the command runs (after parsing). */
  globals(): GlobalOptions;
}

/** Writes one line of a command's output (stdout). */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line of diagnostics (stderr): warnings and failure summaries. */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}
