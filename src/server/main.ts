import { DataDirInUseError } from '../db/data-dir-lock';
import { openDatabase } from '../db/engine';
import { DEMO_PASSWORD } from '../modules/demo/generator';
import { hasAnyUser, seedDemo } from '../modules/demo/seed.service';
import { buildApp } from './app';
import { prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { startScheduler } from './scheduler';

/** `npm start`: the platform on the configured engine, migrated, with demo data on first start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const where = config.database.engine === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.database.dataDir}`;
  console.log(`OpenSMIN: opening ${where}`);
  const database = await openDatabase(config.database);
  await prepareDatabase(database, (line) => console.log(`  ${line}`));

  let demoUsers: string[] = [];
  if (config.demo === 'auto' && !(await hasAnyUser(database.db))) {
    console.log('  first start: seeding the small demo dataset…');
    const summary = await seedDemo(
      database.db,
      { seed: 1, scale: 'small', publicUrl: config.publicUrl },
      (line) => console.log(`  ${line}`),
    );
    demoUsers = summary.users;
  }

  const app = await buildApp({ config, database });
  const stopScheduler = startScheduler(
    database.db,
    (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)),
    config,
  );
  const shutdown = async (signal: string) => {
    console.log(`OpenSMIN: ${signal}, shutting down`);
    await stopScheduler();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\nOpenSMIN is running at http://${shown}:${config.port}/`);
  console.log(`  API docs: http://${shown}:${config.port}/api/docs`);
  if (demoUsers.length) {
    console.log(`  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of demoUsers) console.log(`    ${u}`);
  } else if (config.demo === 'auto') {
    console.log(`  Demo logins use the password "${DEMO_PASSWORD}" (e.g. admin, analyst, desk, auditor)`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message);
  else console.error('OpenSMIN failed to start:', error);
  process.exit(1);
});
