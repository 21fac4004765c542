/**
 * Who was alerted when a version raised a level, for the security office: readers of the
 * assessment or advisory (their services decide) who also hold location.read where it applies.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import type { Principal } from '../../server/auth/principal';
import { getAdvisory } from './advisories.service';
import { getAssessment } from './assessments.service';
import { type LevelAlertList, levelAlertOf, levelsOfPresented } from './level-alert.service';

type Db = Kysely<DB>;

export async function assessmentLevelAlerts(
  db: Db,
  principal: Principal,
  id: string,
): Promise<LevelAlertList> {
  const a = await getAssessment(db, principal, id);
  return levelAlertOf(db, principal, {
    kind: 'assessment',
    id: a.id,
    countryCode: a.countryCode,
    areaId: a.areaId,
    levels: levelsOfPresented(a.levels),
  });
}

export async function advisoryLevelAlerts(db: Db, principal: Principal, id: string): Promise<LevelAlertList> {
  const a = await getAdvisory(db, principal, id);
  return levelAlertOf(db, principal, {
    kind: 'advisory',
    id: a.id,
    countryCode: a.countryCode,
    areaId: a.areaId,
    levels: levelsOfPresented(a.levels),
  });
}
