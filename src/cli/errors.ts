/**
 * An expected failure of a command: its message is printed as is (no stack trace) and the process
 * exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
