import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem } from './errors';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Serves the built web app from the same origin as the API. Unknown paths outside /api get the
 * app's index.html (client-side routes); unknown /api paths get a problem response.
 */
export async function registerWebApp(app: FastifyInstance, serveWeb: boolean): Promise<void> {
  const hasBuild = serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // The build writes .br and .gz next to each asset: slow links get the compressed ones.
      preCompressed: true,
      maxAge: '1h',
      setHeaders(reply, filePath) {
        // Hashed assets never change; index.html must always be revalidated.
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        if (filePath.endsWith('index.html')) reply.header('cache-control', 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi =
      request.url.startsWith('/api/') || request.url === '/api' || request.url.startsWith('/metrics');
    if (!isApi && request.method === 'GET' && hasBuild) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (!isApi && request.method === 'GET' && serveWeb) {
      return reply
        .type('text/plain')
        .send('The web app is not built. Run `npm run build` (npm start does this for you).');
    }
    const body = problem('not-found', `No route ${request.method} ${request.url}`, { instance: request.url });
    return reply.status(404).type('application/problem+json').send(body);
  });
}
