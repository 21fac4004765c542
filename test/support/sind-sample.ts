import fs from 'node:fs';
import path from 'node:path';

/**
 * Insecurity Insight's aid worker KIKA sample (SiND API format, 1,299 events; CC BY, "Insecurity
 * Insight, Aid Worker KIKA data"). It lives in the project's shared datasets beside the repository
 * (CI lays shared/ next to its clone), so it is read from there rather than copied in.
 */
export const SIND_SAMPLE_PATH = path.resolve(
  import.meta.dirname,
  '../../../shared/datasets/insecurity-insight/aidworker-kika-events.json',
);

export type SindSampleRecord = Record<string, unknown>;

export function loadSindSample(): SindSampleRecord[] {
  return JSON.parse(fs.readFileSync(SIND_SAMPLE_PATH, 'utf8')) as SindSampleRecord[];
}
