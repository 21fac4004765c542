import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CAP_SCHEMA = path.resolve('..', 'shared', 'standards', 'cap12.xsd');

/** Validates XML against the CAP 1.2 schema with xmllint; returns xmllint's complaint or null. */
export function capSchemaErrors(xml: string): string | null {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cap-')), 'alert.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', CAP_SCHEMA, file], { stdio: 'pipe' });
    return null;
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('xmllint is missing: apt-get install libxml2-utils');
    return err.stderr?.toString() ?? String(e);
  }
}
