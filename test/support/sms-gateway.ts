import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmsGatewayStub {
  url: string;
  requests: {
    auth: string | undefined;
    idempotencyKey: string | undefined;
    body: { to: string; text: string };
  }[];
  close(): Promise<void>;
}

/**
 * A local SMS gateway over real HTTP on 127.0.0.1: answers each request with the next status of
 * `script` (then 202) and keeps what it was sent.
 */
export function startSmsGateway(script: number[] = []): Promise<SmsGatewayStub> {
  const requests: SmsGatewayStub['requests'] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      requests.push({
        auth: req.headers.authorization,
        idempotencyKey: typeof key === 'string' ? key : undefined,
        body: JSON.parse(data),
      });
      const status = script.shift() ?? 202;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? '{"id":"sms-1"}' : '{"error":"busy"}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/send`,
        requests,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
