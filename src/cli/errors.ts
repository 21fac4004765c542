import { ConfigError } from '../server/config';
import { AppError } from '../server/errors';

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

interface CodedError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  path?: unknown;
}

/** Node system errors that mean "the environment is wrong" (a file, a host), not a bug. */
const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
};

/** SQLSTATE classes that mean the database cannot be reached or used as configured. */
const PG_CONNECTION_CLASSES = ['08', '28', '3D', '57'];

/**
 * Turns an error into the one-line message a user can act on, or null when the error is not an
 * expected one (a bug), in which case the caller prints the stack trace.
 */
export function describeError(error: unknown): string | null {
  if (error instanceof CliError || error instanceof ConfigError) return error.message;
  if (error instanceof AppError) {
    const fields = error.errors?.map((e) => `  ${e.field}: ${e.message}`) ?? [];
    // invalid() already puts the single field into the message; do not say it twice.
    const extra = fields.length === 1 && error.message.includes(error.errors![0]!.message) ? [] : fields;
    return [error.message, ...extra].join('\n');
  }
  // A host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError
  // whose own message is empty; the first attempt says what went wrong.
  if (error instanceof AggregateError && error.errors.length) return describeError(error.errors[0]);
  const e = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (code && SYSTEM_ERRORS[code]) {
    const where = e.address ? ` (${String(e.address)}${e.port ? `:${String(e.port)}` : ''})` : '';
    if (code.startsWith('E') && typeof e.path === 'string') return `${e.path}: ${SYSTEM_ERRORS[code]}`;
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)) {
      return `cannot reach the database${where}: ${SYSTEM_ERRORS[code]}`;
    }
    return message;
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === '42P01') return `${message}: the database has no schema yet; run \`smin db migrate\` first`;
    if (PG_CONNECTION_CLASSES.includes(code.slice(0, 2))) return `cannot use the database: ${message}`;
    return `database error ${code}: ${message}`;
  }
  return null;
}
