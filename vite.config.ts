import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes .br and .gz next to every text asset, so the server can send them as they are
 * (@fastify/static `preCompressed`) instead of compressing on each request. Field offices on
 * slow links get the vendor chunk in about 70 KB (brotli) instead of 255 KB.
 */
function precompress(): Plugin {
  return {
    name: 'opensmin-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const gzip = promisify(zlib.gzip);
      const brotli = promisify(zlib.brotliCompress);
      const brotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
      // Compressed on libuv's thread pool, in parallel, to keep the build quick.
      const jobs = Object.keys(bundle)
        .filter((name) => /\.(m?js|css|html|json|svg)$/.test(name))
        .map(async (name) => {
          const file = path.join(dir, name);
          const data = await fs.promises.readFile(file);
          if (data.length < 1024) return;
          const [gz, br] = await Promise.all([gzip(data, { level: 9 }), brotli(data, brotliOptions)]);
          await Promise.all([
            fs.promises.writeFile(`${file}.gz`, gz),
            fs.promises.writeFile(`${file}.br`, br),
          ]);
        });
      await Promise.all(jobs);
    },
  };
}

/**
 * The web app: root src/web, built into dist/web, which the server serves from the same origin as
 * the API. In development the Vite dev server proxies /api to a running `npm start`.
 */
export default defineConfig({
  root: here('./src/web'),
  base: '/',
  publicDir: false,
  plugins: [precompress()],
  // Vite 8 transforms TSX with oxc; the automatic runtime means no `import React` in every file.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // MapLibre alone is ~1 MB minified; it is lazily loaded on the map screen only.
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: true,
    rolldownOptions: {
      // Brotli at its best quality takes seconds by design; no need to report it on every build.
      checks: { bundlerTimings: false },
      // React Query marks its modules "use client" for server-component frameworks; meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // React and React Query change rarely: one long-cached vendor chunk, separate from app code.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/ }],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8080',
        // src/web/api/*.ts are served at /api/*.ts in development: those stay with Vite.
        bypass: (req) => (/\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
});
