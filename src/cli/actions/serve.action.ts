import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServeOptions } from '../commands/serve.command';
import type { CliContext } from '../context';
import { configOf, describeTarget } from '../database';
import { CliError } from '../errors';

const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/**
 * Runs the server's own entry point in a child process (it starts itself on import, and this
 * command must not refactor it), with the options turned into the environment variables it reads.
 */
export async function serveAction(context: CliContext, opts: ServeOptions): Promise<void> {
  const serverEnv = {
    ...context.env,
    ...(opts.port ? { PORT: opts.port } : {}),
    ...(opts.host ? { HOST: opts.host } : {}),
  };
  // Validated here as well, so a bad option is reported before a server process is started.
  const config = configOf({ ...context, env: serverEnv });
  const database = config.database;
  const env = {
    ...serverEnv,
    // Resolved here so that the child's working directory cannot change which data is used.
    ...(database.engine === 'postgres'
      ? { DATABASE_URL: database.url }
      : { SMIN_DATA_DIR: database.dataDir ?? '' }),
  };
  process.stderr.write(`smin serve: ${describeTarget(config)}\n`);
  const code = await runServer(env);
  if (code !== 0) throw new CliError(`the server exited with code ${code}`);
}

/**
 * Runs the server until it exits. Ctrl-C reaches the child directly (same process group), so the
 * parent only waits for it; SIGTERM, usually sent to one process, is passed on.
 */
function runServer(env: Record<string, string | undefined>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), SERVER_MAIN], {
      env,
      stdio: 'inherit',
    });
    const onInterrupt = () => {};
    const onTerminate = () => child.kill('SIGTERM');
    process.on('SIGINT', onInterrupt);
    process.on('SIGTERM', onTerminate);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}
