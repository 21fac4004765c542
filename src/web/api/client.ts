/**
 * A small typed wrapper around fetch for the same-origin API. Every failure becomes a
 * ProblemError carrying the server's RFC 9457 problem details, so screens can show `detail` and
 * put field errors next to their fields.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: FieldProblem[];
}

export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldProblem[];

  constructor(status: number, body: ProblemBody) {
    const title = body.title ?? 'Request failed';
    const detail = body.detail ?? title;
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : `http-${status}`);
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: QueryParams;
  /** JSON body; serialized unless `raw` is given. */
  body?: unknown;
  /** A pre-serialized body (CSV, GeoJSON text) sent with `contentType`. */
  raw?: string;
  contentType?: string;
  signal?: AbortSignal;
}

/** Builds `/api/path?query`, leaving out empty parameters so that filters stay optional. */
export function apiUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isProblemBody(value: unknown): value is ProblemBody {
  return typeof value === 'object' && value !== null;
}

async function readProblem(response: Response): Promise<ProblemError> {
  let body: ProblemBody = { title: response.statusText || `HTTP ${response.status}` };
  try {
    const parsed: unknown = await response.json();
    if (isProblemBody(parsed)) body = { ...body, ...parsed };
  } catch {
    // Not JSON (a proxy error page, say): keep the status text as the message.
  }
  return new ProblemError(response.status, body);
}

/** Performs one API call and returns the parsed JSON (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] = options.contentType ?? 'text/plain';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ProblemError(0, {
      title: 'Cannot reach the server',
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await readProblem(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, raw: string, contentType: string) =>
    request<T>('POST', path, { raw, contentType }),
};

/** A message fit for a person, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ProblemError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
