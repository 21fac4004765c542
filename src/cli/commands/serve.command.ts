import type { Command } from 'commander';
import type { CliContext } from '../context';

/** Options of `smin serve`. */
export interface ServeOptions {
  port?: string;
  host?: string;
}

/** `smin serve`: the platform as `npm start` runs it, without building the web app first. */
export function serveCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('run the API server (and the web app if built) on the configured database')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 0.0.0.0)')
    .addHelpText(
      'after',
      '\nThe web app is served only if it was built (`npm run build`); `npm start` builds it.',
    )
    .action(async (opts: ServeOptions) =>
      (await import('../actions/serve.action')).serveAction(context, opts),
    );
}
