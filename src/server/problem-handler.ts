import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { appendAudit } from './audit/audit.repository';
import { toAuditInput } from './context';
import { AppError, type FieldError, type ProblemCode, problem } from './errors';

/** Postgres error codes that mean "the input was wrong", never "the server broke". */
const PG_INPUT_ERRORS: Record<string, ProblemCode> = {
  '23505': 'duplicate',
  '23503': 'unprocessable',
  '23514': 'validation',
  '23502': 'validation',
  '22P02': 'validation',
  '22003': 'validation',
  '22007': 'validation',
  '22008': 'validation',
  '22021': 'validation',
  '22001': 'validation',
  '40001': 'conflict',
};

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

function isPgError(e: unknown): e is PgLikeError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as PgLikeError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as PgLikeError).code as string)
  );
}

/** Converts any thrown value into a problem-details response; unexpected errors become a bare 500. */
export function toProblem(error: unknown, instance: string) {
  if (error instanceof AppError) {
    return problem(error.code, error.message, {
      instance,
      ...(error.errors ? { errors: error.errors } : {}),
      ...error.extensions,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      field: fieldName(v.instancePath, v.params),
      message: v.message ?? 'is invalid',
    }));
    return problem('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      instance,
      errors,
    });
  }
  if (isPgError(error) && PG_INPUT_ERRORS[error.code as string]) {
    const code = PG_INPUT_ERRORS[error.code as string] as ProblemCode;
    const field = error.constraint ? constraintField(error.constraint) : undefined;
    const detail =
      error.constraint === 'role_grants_unique'
        ? 'The user already holds this role over this scope'
        : code === 'duplicate' && field
          ? `A record with this ${field} already exists`
          : (error.detail ?? error.message);
    return problem(code, detail, { instance, ...(field ? { errors: [{ field, message: detail }] } : {}) });
  }
  const fe = error as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ProblemCode =
      fe.statusCode === 413
        ? 'body-too-large'
        : fe.statusCode === 415
          ? 'unsupported-media-type'
          : fe.statusCode === 429
            ? 'rate-limited'
            : fe.statusCode === 404
              ? 'not-found'
              : 'malformed-body';
    return problem(code, fe.message, { instance });
  }
  return problem('internal', 'An unexpected error occurred; it has been logged', { instance });
}

function fieldName(instancePath: string, params: unknown): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const p = params as { issue?: { keys?: string[] }; keys?: string[] } | undefined;
  const keys = p?.issue?.keys ?? p?.keys;
  if (keys?.length) return [path, keys.join(',')].filter(Boolean).join('.');
  return path || 'body';
}

/** Constraints whose generic reading would not tell a user what is wrong. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  role_grants_unique: 'role',
};

/** `areas_code_key` → `code`; `duty_stations_area_id_fkey` → `area_id`. */
function constraintField(constraint: string): string {
  if (CONSTRAINT_FIELDS[constraint]) return CONSTRAINT_FIELDS[constraint];
  const m = constraint.match(/^[a-z]+(?:_[a-z]+)*?_((?:[a-z]+_)*?[a-z]+)_(key|fkey|check)$/);
  return m?.[1] ?? constraint;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Installs the error and not-found handlers; failed writes by a known caller are audited. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error, request: FastifyRequest, reply: FastifyReply) => {
    const body = toProblem(error, request.url);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    if (body.code === 'rate-limited' && typeof body.retryAfterSeconds === 'number') {
      reply.header('retry-after', String(body.retryAfterSeconds));
    }
    await auditFailure(app, request, body.status, body.code);
    return reply.status(body.status).type('application/problem+json').send(body);
  });
}

/** Audits a failed write by a known caller (also used by routes with their own error format). */
export async function auditFailure(
  app: FastifyInstance,
  request: FastifyRequest,
  status: number,
  code: string,
) {
  const principal = request.principal;
  if (!principal || !WRITE_METHODS.has(request.method)) return;
  try {
    await app.deps.database.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        toAuditInput(
          { principal, requestId: request.id, ip: request.ip },
          {
            action: `${request.method} ${request.routeOptions.url ?? request.url}`,
            entityType: 'request',
            entityId: null,
            orgId: principal.organizationId,
            detail: { status, code, url: request.url },
          },
          status === 401 || status === 403 ? 'denied' : 'failed',
        ),
      ),
    );
  } catch (e) {
    request.log.error({ err: e }, 'could not audit a failed request');
  }
}
