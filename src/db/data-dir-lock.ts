import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes writing one data directory corrupt it. The
 * first to open it leaves its pid in a lock file; another process is refused while that pid lives.
 * A lock left by a process that died is taken over.
 */
export class DataDirInUseError extends Error {}

export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, '.opensmin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirInUseError(
          `The data directory ${dataDir} is in use by process ${holder}. Stop it first, or point one of them at another ` +
            'directory (SMIN_DATA_DIR) or at a PostgreSQL server (DATABASE_URL).',
        );
      }
      fs.unlinkSync(file);
    }
  }
  throw new DataDirInUseError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
