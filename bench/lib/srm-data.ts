import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/tables';
import { createRng } from '../../src/modules/demo/random';
import { computeRisk } from '../../src/modules/srm/present';
import { DEFAULT_MATRIX, IMPACTS, LIKELIHOODS, type MeasureStatus } from '../../src/modules/srm/rules';

const STATUSES: MeasureStatus[] = ['proposed', 'approved', 'implemented', 'verified'];

/**
 * Bench dataset for SRMs at UN scale: one area SRM for each of `areas` areas, each with
 * `risksPer` risks and `measuresPer` measures spread over them; levels computed with the same
 * rules as the service. Deterministic from the seed; batched inserts.
 */
export async function seedSrmBench(
  db: Kysely<DB>,
  o: { areas: number; risksPer: number; measuresPer: number; seed: number },
) {
  const rng = createRng(`bench-srm:${o.seed}`);
  const countries = (
    await db.selectFrom('countries').select(['code', 'name']).orderBy('code').execute()
  ).slice(0, 200);
  const matrix = await db
    .selectFrom('risk_matrices')
    .select('id')
    .where('number', '=', 1)
    .executeTakeFirstOrThrow();
  const perCountry = Math.ceil(o.areas / countries.length);
  const areas = countries
    .flatMap((c) =>
      Array.from({ length: perCountry }, (_, i) => ({
        code: `${c.code}-S${String(i + 1).padStart(2, '0')}`,
        name: `${c.name} ${i + 1}`,
        country_code: c.code,
      })),
    )
    .slice(0, o.areas);
  for (let i = 0; i < areas.length; i += 200) {
    const inserted = await db
      .insertInto('areas')
      .values(areas.slice(i, i + 200))
      .returning(['id', 'country_code', 'name'])
      .execute();
    const srms = await db
      .insertInto('srms')
      .values(
        inserted.map((a) => ({
          kind: 'area' as const,
          title: `${a.name} SRM`,
          country_code: a.country_code,
          area_id: a.id,
          period_start: '2026-01-01',
          period_end: '2026-12-31',
          status: 'approved' as const,
          matrix_id: matrix.id,
          review_due: '2026-12-31',
        })),
      )
      .returning('id')
      .execute();
    const riskRows = srms.flatMap((s) =>
      Array.from({ length: o.risksPer }, (_, k) => {
        const likelihood = rng.pick(LIKELIHOODS);
        const impact = rng.pick(IMPACTS);
        return { srm_id: s.id, title: `Scenario ${k + 1}`, category: 'crime', likelihood, impact };
      }),
    );
    const measuresPerRisk = Math.ceil(o.measuresPer / o.risksPer);
    const planned = riskRows.map((r) => ({
      risk: r,
      measures: Array.from({ length: measuresPerRisk }, () => ({
        kind: rng.pick(['prevention', 'mitigation'] as const),
        steps: 1,
        status: rng.pick(STATUSES),
      })),
    }));
    const risks = await db
      .insertInto('srm_risks')
      .values(
        planned.map(({ risk, measures }) => {
          const levels = computeRisk(DEFAULT_MATRIX, risk, measures);
          return {
            ...risk,
            inherent_risk: levels.inherent,
            residual_risk: levels.residual,
            expected_risk: levels.expected,
          };
        }),
      )
      .returning('id')
      .execute();
    const measureRows = planned.flatMap(({ measures }, idx) =>
      measures.map((m, k) => ({
        risk_id: risks[idx]!.id,
        title: `Measure ${k + 1}`,
        kind: m.kind,
        steps: m.steps,
        status: m.status,
        cost_cents: rng.int(1, 100) * 100_000,
        agreed_date: '2026-06-01',
        ...(m.status === 'implemented' || m.status === 'verified'
          ? { implemented_on: '2026-05-01', evidence: 'bench' }
          : {}),
      })),
    );
    for (let j = 0; j < measureRows.length; j += 2000) {
      await db
        .insertInto('srm_measures')
        .values(measureRows.slice(j, j + 2000))
        .execute();
    }
  }
}
