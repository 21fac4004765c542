import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/tables';
import { createRng } from '../../src/modules/demo/random';
import { CATEGORIES } from '../../src/modules/threats/rules';

/**
 * Bench dataset for security levels at UN scale: `areas` areas spread over the reference countries,
 * each with a published assessment and a published area advisory; deterministic from the seed.
 * Written with batched inserts (the services' per-row audit is measured elsewhere).
 */
export async function seedThreatBench(db: Kysely<DB>, options: { areas: number; seed: number }) {
  const rng = createRng(`bench:${options.seed}`);
  const countries = (
    await db.selectFrom('countries').select(['code', 'name']).orderBy('code').execute()
  ).slice(0, 200);
  const perCountry = Math.ceil(options.areas / countries.length);
  const areas: { code: string; name: string; country_code: string }[] = [];
  for (const c of countries) {
    for (let i = 1; i <= perCountry && areas.length < options.areas; i++) {
      areas.push({
        code: `${c.code}-B${String(i).padStart(2, '0')}`,
        name: `${c.name} area ${i}`,
        country_code: c.code,
      });
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < areas.length; i += 500) {
    const chunk = areas.slice(i, i + 500);
    const inserted = await db.insertInto('areas').values(chunk).returning(['id', 'country_code']).execute();
    const levelsOf = new Map(
      inserted.map((a) => [a.id, Object.fromEntries(CATEGORIES.map((c) => [c, rng.int(1, 6)]))]),
    );
    const assessments = await db
      .insertInto('threat_assessments')
      .values(
        inserted.map((a) => ({
          levels: JSON.stringify(levelsOf.get(a.id)),
          area_id: a.id,
          number: 1,
          status: 'published' as const,
          effective_date: today,
          summary: 'Benchmark assessment',
          source: 'import' as const,
          published_at: new Date(),
        })),
      )
      .returning(['id', 'area_id'])
      .execute();
    const levels = assessments.flatMap((a) =>
      CATEGORIES.map((category) => ({
        assessment_id: a.id,
        category,
        level: levelsOf.get(a.area_id)![category]!,
      })),
    );
    await db.insertInto('threat_levels').values(levels).execute();
    const byArea = new Map(inserted.map((a) => [a.id, a.country_code]));
    await db
      .insertInto('travel_advisories')
      .values(
        assessments.map((a) => {
          const lv = Object.fromEntries(
            levels.filter((l) => l.assessment_id === a.id).map((l) => [l.category, l.level]),
          );
          return {
            country_code: byArea.get(a.area_id)!,
            area_id: a.area_id,
            subject_key: a.area_id,
            number: 1,
            status: 'published' as const,
            levels: JSON.stringify(lv),
            headline: 'Benchmark advisory',
            guidance: 'Follow the security briefing.',
            required_clearance: 'automatic' as const,
            required_training: JSON.stringify(['BSAFE']),
            contacts: JSON.stringify([{ role: 'Security Adviser', name: 'Security office' }]),
            effective_date: today,
            review_by: today,
            published_at: new Date(),
          };
        }),
      )
      .execute();
  }
  return (await db.selectFrom('travel_advisories').select('id').execute()).map((r) => r.id);
}
