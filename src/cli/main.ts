import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { describeError } from './errors';

/**
 * Entry point of `smin` (bin/smin loads it through tsx). Expected failures print one clear
 * message on stderr and exit 1 (or the code the command chose); only a bug prints a stack trace.
 */
async function main(argv: string[]): Promise<void> {
  // The one place the CLI reads the environment; commands get it through the program.
  const program = buildProgram(process.env);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help); keep its exit code.
      process.exitCode = error.exitCode;
      return;
    }
    const message = describeError(error);
    if (message !== null) {
      process.stderr.write(`smin: ${message}\n`);
      process.exitCode = exitCodeOf(error);
    } else {
      process.stderr.write(`smin: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' && code > 0 ? code : 1;
}

await main(process.argv);
