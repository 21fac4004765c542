import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a validated `AppConfig`,
 * so a typo in a variable fails at boot with its name instead of misbehaving later.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  SMIN_DATA_DIR: z.string().min(1).default('./data'),
  SMIN_DEMO: z.enum(['auto', 'off']).default('auto'),
  SMIN_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  SMIN_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  SMIN_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMIN_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  SMIN_LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  SMIN_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SMIN_IMPORT_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
  SMIN_PUBLIC_URL: z.url().optional(),
  SMIN_CAP_SENDER: z
    .string()
    .regex(/^[^\s,&<]+$/, 'no spaces, commas, & or <')
    .default('opensmin@security.example.org'),
  SMIN_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMIN_MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*@[^\r\n]+$/, 'an e-mail address, optionally as "Name <address>"')
    .default('opensmin@security.example.org'),
  SMIN_SMS_GATEWAY_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
    .optional(),
  SMIN_SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMIN_SMS_INBOUND_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string | null }
  | { engine: 'postgres'; url: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: 'auto' | 'off';
  sessionHours: number;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  login: { maxFailures: number; windowMinutes: number };
  bodyLimitBytes: number;
  importLimitBytes: number;
  logLevel: string;
  /** The address users reach the platform at: links in CAP alerts, feeds and e-mails. */
  publicUrl: string;
  /** CAP `sender`: who issues advisories, as other systems will identify the feed. */
  capSender: string;
  /** Outgoing e-mail. Without an SMTP URL nothing is sent and messages stay in the outbox. */
  mail: { smtpUrl: string | null; from: string };
  /** SMS through an HTTP gateway (POST {to, text}, bearer token); sent with the e-mail worker. */
  sms: { url: string; token: string | null } | null;
  /**
   * The bearer token the SMS gateway presents when it forwards replies (roll-call answers) to
   * POST /api/rollcall/sms; without it, SMS replies are refused.
   */
  smsInboundToken: string | null;
}

/** Thrown when the environment is invalid; lists every bad variable by name. */
export class ConfigError extends Error {}

/**
 * Parses and validates configuration. `overrides` come from CLI options, which take precedence
 * over the environment (CLI options fall back to environment variables).
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof z.input<typeof envSchema>, string>> = {},
): AppConfig {
  const merged = { ...env, ...stripUndefined(overrides) };
  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL }
      : { engine: 'pglite', dataDir: path.resolve(e.SMIN_DATA_DIR) },
    demo: e.SMIN_DEMO,
    sessionHours: e.SMIN_SESSION_HOURS,
    cookieSecure: e.SMIN_COOKIE_SECURE,
    trustProxy: e.SMIN_TRUST_PROXY,
    login: { maxFailures: e.SMIN_LOGIN_MAX_FAILURES, windowMinutes: e.SMIN_LOGIN_WINDOW_MINUTES },
    bodyLimitBytes: e.SMIN_BODY_LIMIT_BYTES,
    importLimitBytes: e.SMIN_IMPORT_LIMIT_BYTES,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.SMIN_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    capSender: e.SMIN_CAP_SENDER,
    mail: { smtpUrl: e.SMIN_SMTP_URL ?? null, from: e.SMIN_MAIL_FROM },
    sms: e.SMIN_SMS_GATEWAY_URL
      ? { url: e.SMIN_SMS_GATEWAY_URL, token: e.SMIN_SMS_GATEWAY_TOKEN ?? null }
      : null,
    smsInboundToken: e.SMIN_SMS_INBOUND_TOKEN ?? null,
  };
}

function stripUndefined<T extends Record<string, string | undefined>>(o: T): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
}
