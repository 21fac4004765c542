/**
 * Application errors and their RFC 9457 problem-details form. Every error that leaves the API
 * has a stable `type` (a URI under /problems/) and a `code`; the mapping to HTTP status lives only
 * here.
 */
export type ProblemCode =
  | 'validation'
  | 'malformed-body'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'duplicate'
  | 'version-conflict'
  | 'unprocessable'
  | 'rate-limited'
  | 'internal';

const STATUS: Record<ProblemCode, number> = {
  validation: 400,
  'malformed-body': 400,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  duplicate: 409,
  'version-conflict': 409,
  unprocessable: 422,
  'rate-limited': 429,
  internal: 500,
};

const TITLE: Record<ProblemCode, string> = {
  validation: 'The request is not valid',
  'malformed-body': 'The request body could not be read',
  'body-too-large': 'The request body is too large',
  'unsupported-media-type': 'The content type is not supported',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict with the current state',
  duplicate: 'Already exists',
  'version-conflict': 'Changed by someone else',
  unprocessable: 'The request cannot be carried out',
  'rate-limited': 'Too many attempts',
  internal: 'Internal error',
};

/** One field-level problem: the field path (dotted) and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** An expected failure with a problem code; thrown by services and turned into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not-found', `${what} was not found`);
export const forbidden = (why = 'Your roles do not allow this action here') => new AppError('forbidden', why);
export const unauthenticated = () => new AppError('unauthenticated', 'Sign in or present an API token');
export const invalid = (field: string, message: string) =>
  new AppError('validation', `${field}: ${message}`, [{ field, message }]);
export const versionConflict = (current: number) =>
  new AppError(
    'version-conflict',
    'The record was changed since you read it; reload and try again',
    undefined,
    {
      currentVersion: current,
    },
  );

/** Builds the problem-details body for an error code. */
export function problem(
  code: ProblemCode,
  detail: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails {
  return { type: `/problems/${code}`, title: TITLE[code], status: STATUS[code], code, detail, ...extra };
}

export function statusOf(code: ProblemCode): number {
  return STATUS[code];
}
