import { CommanderError } from 'commander';
import { buildProgram } from './program';

/**
 * Entry point of `smin` (bin/smin loads it through tsx). Expected failures print one clear
 * message on stderr and exit 1 (or the code the command chose); only a bug prints a stack trace.
 */
async function main(argv: string[]): Promise<void> {
  // `smin import --help | head`: a reader that goes away is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
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
    // Loaded only on failure: it pulls in the server's error types, which --help does not need.
    const { describeError } = await import('./describe-error');
    const message = describeError(error);
    if (message !== null) {
      process.stderr.write(`smin: ${message}\n`);
      process.exitCode = exitCodeOf(error);
    } else {
      process.stderr.write(
        `smin: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}

function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' && code > 0 ? code : 1;
}

await main(process.argv);
