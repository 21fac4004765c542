/**
 * SMS through an HTTP gateway: POST {to, text} as JSON with a bearer token. Any gateway (or a thin
 * bridge to one) that accepts that shape plugs in; 2xx means accepted.
 */
export interface SmsGateway {
  /** `idempotencyKey` is the same on every retry of one message to one number. */
  send(m: { to: string; text: string; idempotencyKey?: string }): Promise<void>;
}

/** Why an SMS was not accepted: shown to operators; `permanent` means do not retry the number. */
export class SmsError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

export function createHttpSmsGateway(cfg: { url: string; token: string | null }): SmsGateway {
  return {
    async send(m) {
      let res: Response;
      try {
        res = await fetch(cfg.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // A gateway that keeps keys drops the resend of an SMS a crashed worker had sent.
            ...(m.idempotencyKey ? { 'idempotency-key': m.idempotencyKey } : {}),
            ...(cfg.token ? { authorization: `Bearer ${cfg.token}` } : {}),
          },
          body: JSON.stringify({ to: m.to, text: m.text }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new SmsError(`gateway unreachable: ${cause ?? (error as Error).message}`, false);
      }
      if (res.ok) return;
      const body = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
      // 4xx (a number the gateway refuses, bad request) is final; 408, 429 and 5xx are worth a retry.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new SmsError(`${res.status}${body ? ` ${body}` : ''}`, permanent);
    },
  };
}

const MAX_SMS = 480;

/** The SMS for a message: its subject and link, three SMS segments at most. */
export function renderSms(subject: string, url: string | null): string {
  const text = url ? `${subject} ${url}` : subject;
  return text.length > MAX_SMS ? `${text.slice(0, MAX_SMS - 1)}…` : text;
}
