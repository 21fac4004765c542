import { DataDirInUseError } from '../db/data-dir-lock';
import { ConfigError } from '../server/config';
import { AppError } from '../server/errors';
import { toProblem } from '../server/problem-handler';
import { CliError } from './errors';

/** The fields Node system errors and PostgreSQL errors carry. */
interface CodedError {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  path?: unknown;
}

/** Node file errors: the path given is wrong, not the program. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

/** Node network errors: the database server cannot be reached as configured. */
const NETWORK_ERRORS: Record<string, string> = {
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
  if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError) {
    return error.message;
  }
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
  if (code && FILE_ERRORS[code])
    return `${typeof e.path === 'string' ? e.path : message}: ${FILE_ERRORS[code]}`;
  if (code && NETWORK_ERRORS[code]) {
    const where = e.address ? ` (${String(e.address)}${e.port ? `:${String(e.port)}` : ''})` : '';
    return `cannot reach the database${where}: ${NETWORK_ERRORS[code]}`;
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    // Input errors (duplicate username…) get the same wording as the API gives them.
    const p = toProblem(error, '');
    if (p.status < 500 && p.detail) return p.detail;
    if (code === '42P01') return `${message}: the database has no schema yet; run \`smin db migrate\` first`;
    if (PG_CONNECTION_CLASSES.includes(code.slice(0, 2))) return `cannot use the database: ${message}`;
    return `database error ${code}: ${message}`;
  }
  return null;
}
