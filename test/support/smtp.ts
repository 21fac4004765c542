import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: the envelope and the decoded subject and body. */
export interface ReceivedMail {
  /** MAIL FROM */
  from: string;
  /** RCPT TO addresses the server accepted for this transaction. */
  to: string[];
  subject: string;
  text: string;
  /** Header names lower-cased, values unfolded and decoded. */
  headers: Map<string, string>;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server from npm): the platform talks SMTP to it over TCP,
 * so connection failures, rejected recipients and pooling behave as with a real relay.
 */
export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Messages received for one address. */
  to(address: string): ReceivedMail[];
  /** Refuses RCPT TO for `address` with `code text` (450: try later; 550: refused for good). */
  refuse(address: string, code: number, text: string): void;
  /** Accepts `address` again. */
  accept(address: string): void;
  /** Takes the server down (connections refused), keeping its port for `start`. */
  stop(): Promise<void>;
  /** Brings it back on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const refused = new Map<string, { code: number; text: string }>();
  let server: SMTPServer | null = null;
  let port = 0;

  const listen = async () => {
    const s = new SMTPServer({
      logger: false,
      authOptional: true,
      // Plain SMTP on loopback: nodemailer would otherwise upgrade to TLS with a test certificate.
      disabledCommands: ['STARTTLS', 'AUTH'],
      // The platform keeps pooled connections open; do not wait for them when the test stops.
      closeTimeout: 50,
      onRcptTo(address, _session, callback) {
        const r = refused.get(address.address.toLowerCase());
        if (!r) return callback();
        return callback(Object.assign(new Error(r.text), { responseCode: r.code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const envelope = session.envelope;
          received.push({
            ...parseMessage(Buffer.concat(chunks).toString('utf8')),
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            to: envelope.rcptTo.map((r) => r.address),
          });
          callback();
        });
      },
    });
    // A client that dies mid-transaction (a delivery worker killed by a fault test) resets its
    // connection; the server reports that as an 'error' event, which is not the sink's failure.
    s.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  const shut = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (s) s.close(() => resolve());
      else resolve();
    });

  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((m) => m.to.includes(address)),
    refuse: (address, code, text) => void refused.set(address.toLowerCase(), { code, text }),
    accept: (address) => void refused.delete(address.toLowerCase()),
    stop: shut,
    start: listen,
    close: shut,
  };
}

/** Just enough RFC 5322/2047/2045 for what nodemailer writes: one text part, encoded words. */
function parseMessage(raw: string): Pick<ReceivedMail, 'subject' | 'text' | 'headers'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body, 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'utf8');
  return {
    subject: headers.get('subject') ?? '',
    text: bytes.toString('utf8').replace(/\r\n/g, '\n'),
    headers,
  };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function decodeQuotedPrintable(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(out);
}
