/**
 * SCIM errors (RFC 7644 §3.12). SCIM clients read `status` (a string) and `scimType`, not RFC 9457
 * problems, so the SCIM routes answer every failure in this shape; the error still carries a
 * problem code so the audit of failed writes classifies it like any other request.
 */
import { AppError, type ProblemCode } from '../../server/errors';
import { toProblem } from '../../server/problem-handler';

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidValue'
  | 'invalidSyntax'
  | 'invalidFilter'
  | 'invalidPath'
  | 'uniqueness'
  | 'mutability'
  | 'noTarget'
  | 'tooMany';

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR];
  status: string;
  scimType?: ScimType;
  detail: string;
}

const CODE_OF: Record<number, ProblemCode> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'duplicate',
  412: 'version-conflict',
};

/** A failure with its SCIM status and type; `detail` names the attribute at fault. */
export class ScimError extends AppError {
  constructor(
    readonly httpStatus: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(CODE_OF[httpStatus] ?? 'validation', detail);
  }
  override get status(): number {
    return this.httpStatus;
  }
}

export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const invalidFilter = (detail: string) => new ScimError(400, 'invalidFilter', detail);
export const invalidSyntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);
export const invalidPath = (detail: string) => new ScimError(400, 'invalidPath', detail);
export const mutability = (detail: string) => new ScimError(400, 'mutability', detail);
export const noTarget = (detail: string) => new ScimError(400, 'noTarget', detail);

/** Any thrown value as a SCIM error body; unexpected errors stay a bare 500 (logged by the caller). */
export function toScimError(error: unknown): ScimErrorBody {
  if (error instanceof ScimError) {
    return {
      schemas: [SCIM_ERROR],
      status: String(error.status),
      ...(error.scimType ? { scimType: error.scimType } : {}),
      detail: error.message,
    };
  }
  const p = toProblem(error, '');
  // A body Fastify could not parse (bad JSON) is a syntax error; the rest of 400s are values.
  const scimType: ScimType | undefined =
    p.code === 'malformed-body'
      ? 'invalidSyntax'
      : p.code === 'validation'
        ? 'invalidValue'
        : p.code === 'duplicate'
          ? 'uniqueness'
          : undefined;
  const detail =
    p.errors && Array.isArray(p.errors) && p.errors.length
      ? (p.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`).join('; ')
      : String(p.detail ?? p.title);
  return {
    schemas: [SCIM_ERROR],
    status: String(p.status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}
