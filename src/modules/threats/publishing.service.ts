import type { MultiPolygon, Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Principal } from '../../server/auth/principal';
import { AppError } from '../../server/errors';
import * as repo from './advisories.repository';
import { advisoryGeometry, getAdvisory, publishedAdvisoryVersions } from './advisories.service';
import { buildAtomFeed } from './atom';
import { buildCapAlert, capDateTime, capIdentifier } from './cap';

export interface PublishingConfig {
  publicUrl: string;
  capSender: string;
}

/** The CAP 1.2 alert of one published advisory version (an Update when it follows another). */
export async function capAlertFor(
  db: Kysely<DB>,
  principal: Principal,
  id: string,
  config: PublishingConfig,
) {
  const advisory = await getAdvisory(db, principal, id);
  if (!advisory.publishedAt)
    throw new AppError('conflict', 'Only published advisory versions are issued as CAP alerts');
  const row = (await repo.findAdvisory(db, id))!;
  const prev = await repo.previousPublished(db, row.subject_key, row.number);
  return buildCapAlert(advisory, {
    senderId: config.capSender,
    baseUrl: config.publicUrl,
    geometry: (await advisoryGeometry(db, id)) as Polygon | MultiPolygon | null,
    previous: prev?.published_at
      ? {
          identifier: capIdentifier({
            countryCode: prev.country_code,
            areaCode: prev.area_code,
            number: prev.number,
          }),
          sent: capDateTime(prev.published_at),
        }
      : null,
  });
}

/** Every published version as a CAP document, for export: [fileName, xml]. */
export async function allCapAlerts(
  db: Kysely<DB>,
  principal: Principal,
  config: PublishingConfig,
  limit = 100_000,
) {
  const versions = await publishedAdvisoryVersions(db, limit);
  const out: { fileName: string; xml: string }[] = [];
  for (const a of versions) {
    const fileName = `${capIdentifier(a).replace(/[^A-Za-z0-9._-]+/g, '_')}.xml`;
    out.push({ fileName, xml: await capAlertFor(db, principal, a.id, config) });
  }
  return out;
}

/** The Atom feed of the latest published advisory versions. */
export async function advisoryFeed(db: Kysely<DB>, config: PublishingConfig, limit = 100) {
  return buildAtomFeed(await publishedAdvisoryVersions(db, limit), { baseUrl: config.publicUrl });
}
