/**
 * HR staff-list import (CSV or XLSX). Every row is mapped and checked on its own; a problem is
 * reported with the row's line, the column and the reason, as a warning (the person is kept) or a
 * rejection (the row is not written; see people-import.map.ts for which is which). Personnel rows
 * go before dependants, so a dependant may come before their sponsor in the file. All rows run in
 * one transaction, each under a savepoint so a row the database refuses cannot undo the rows
 * before it. Rows are keyed by (organization, external id): a re-import updates or leaves
 * unchanged, never duplicates; each created or updated profile is audited.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import { can, holds } from '../../server/access/rules';
import { type Actor, audit } from '../../server/context';
import { AppError, type FieldError, forbidden } from '../../server/errors';
import { toProblem } from '../../server/problem-handler';
import type { TableRow } from './import-table';
import * as repo from './people.repository';
import { type MappedPerson, mapPersonRow } from './people-import.map';

type Db = Kysely<DB>;

export const MAX_IMPORT_ROWS = 200_000;
/** How often progress is reported; also when the event loop gets a turn (PGlite runs in-thread). */
const PROGRESS_EVERY = 100;
/** Bound parameters per lookup query (PostgreSQL allows 65,535). */
const LOOKUP_CHUNK = 5_000;

export interface RowProblem {
  line: number;
  externalId?: string;
  field: string;
  message: string;
}

export interface PeopleImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows rejected (each problem listed in `rejected`). */
  rejectedRows: number;
  warnings: RowProblem[];
  rejected: RowProblem[];
}

interface Known {
  id: string;
  kind: 'personnel' | 'dependant';
  recruitment: 'international' | 'local';
  dutyStationId: string | null;
  line?: number;
}

interface Pending {
  line: number;
  orgId: string;
  orgCode: string;
  key: string;
  person: MappedPerson;
}

const keyOf = (orgId: string, externalId: string) => `${orgId}|${externalId.toLowerCase()}`;

async function existingPeople(db: Db, byOrg: Map<string, string[]>) {
  const out = new Map<string, repo.PersonRow>();
  for (const [orgId, ids] of byOrg) {
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const found = await repo.peopleByExternalIds(db, orgId, ids.slice(i, i + LOOKUP_CHUNK));
      for (const [ext, r] of found) out.set(keyOf(orgId, ext), r);
    }
  }
  return out;
}

async function codeMap(rows: { id: string; code: string }[]) {
  return new Map(rows.map((r) => [r.code.toLowerCase(), r.id]));
}

/** The columns a row sets; undefined values (bad input, warned) keep what is on record. */
function columnsOf(
  p: MappedPerson,
  sponsor: Known | null,
  places: { station: string | null | undefined; area: string | null | undefined },
) {
  const c: repo.PersonChanges = {
    kind: p.kind,
    sponsor_id: sponsor?.id ?? null,
    given_name: p.givenName,
    family_name: p.familyName,
    phone: p.phone,
    contract_type: p.contractType,
    recruitment: p.recruitment ?? sponsor?.recruitment ?? 'local',
    status: p.status,
  };
  if (p.sex !== undefined) c.sex = p.sex;
  if (p.birthDate !== undefined) c.birth_date = p.birthDate;
  if (p.nationality !== undefined) c.nationality = p.nationality;
  if (p.email !== undefined) c.email = p.email;
  if (places.station !== undefined) c.duty_station_id = places.station;
  if (places.area !== undefined) c.residence_area_id = places.area;
  return c;
}

const changed = (before: repo.PersonRow, c: repo.PersonChanges) =>
  Object.entries(c).some(([k, v]) => (before as unknown as Record<string, unknown>)[k] !== v);

/** Imports an HR staff list's rows as `actor`; see the module comment for the guarantees. */
export async function importPeople(
  db: Db,
  actor: Actor,
  rows: TableRow[],
  opts: { organization?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<PeopleImportResult> {
  if (!holds(actor.principal.grants, 'people.write'))
    throw forbidden('Importing staff lists needs people.write');
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('validation', `At most ${MAX_IMPORT_ROWS} rows per import; split the file`);
  const result: PeopleImportResult = {
    total: rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejectedRows: 0,
    warnings: [],
    rejected: [],
  };
  const rejectedLines = new Set<number>();
  const reject = (line: number, externalId: string | undefined, errors: FieldError[]) => {
    rejectedLines.add(line);
    result.rejected.push(...errors.map((e) => ({ line, ...(externalId ? { externalId } : {}), ...e })));
  };
  const warn = (line: number, externalId: string, w: FieldError[]) =>
    result.warnings.push(...w.map((e) => ({ line, externalId, ...e })));

  const orgs = await codeMap(await repo.allOrganizations(db));
  const orgCodes = new Map((await repo.allOrganizations(db)).map((o) => [o.id, o.code]));
  const pending: Pending[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.extraCells) reject(row.line, row.values.external_id, [{ field: 'row', message: row.extraCells }]);
    const mapped = mapPersonRow(row.values, opts.organization);
    if (!mapped.ok) {
      reject(row.line, row.values.external_id, mapped.errors);
      continue;
    }
    if (row.extraCells) continue;
    const p = mapped.person;
    const orgId = orgs.get(p.organization.toLowerCase());
    if (!orgId) {
      reject(row.line, p.externalId, [
        { field: 'organization', message: `unknown organization "${p.organization}"` },
      ]);
      continue;
    }
    if (!can(actor.principal.grants, 'people.write', { organizationId: orgId })) {
      reject(row.line, p.externalId, [
        { field: 'organization', message: `you may not import people of ${p.organization}` },
      ]);
      continue;
    }
    const key = keyOf(orgId, p.externalId);
    const first = firstLine.get(key);
    if (first !== undefined) {
      reject(row.line, p.externalId, [
        {
          field: 'external_id',
          message: `${p.externalId} of ${p.organization} is already at line ${first}: kept once`,
        },
      ]);
      continue;
    }
    firstLine.set(key, row.line);
    warn(row.line, p.externalId, mapped.warnings);
    pending.push({ line: row.line, orgId, orgCode: orgCodes.get(orgId)!, key, person: p });
  }

  // Everything the rows refer to, loaded once.
  const byOrg = new Map<string, string[]>();
  for (const r of pending) {
    const ids = byOrg.get(r.orgId) ?? [];
    byOrg.set(r.orgId, ids);
    ids.push(r.person.externalId);
    if (r.person.sponsorExternalId) ids.push(r.person.sponsorExternalId);
  }
  const existing = await existingPeople(db, byOrg);
  const distinct = (f: (p: MappedPerson) => string | null) => [
    ...new Set(pending.map((r) => f(r.person)).filter((c): c is string => !!c)),
  ];
  const stations = new Map(
    (
      await repo.stationsByCodes(
        db,
        distinct((p) => p.dutyStation),
      )
    ).map((s) => [s.code.toLowerCase(), s.id]),
  );
  const areas = await codeMap(
    await repo.areasByCodes(
      db,
      distinct((p) => p.residenceArea),
    ),
  );
  const countries = new Set((await db.selectFrom('countries').select('code').execute()).map((c) => c.code));
  const known = new Map<string, Known>();
  for (const [k, r] of existing)
    known.set(k, { id: r.id, kind: r.kind, recruitment: r.recruitment, dutyStationId: r.duty_station_id });

  // Personnel first: a dependant's sponsor may be further down the file.
  const ordered = [
    ...pending.filter((r) => r.person.kind === 'personnel'),
    ...pending.filter((r) => r.person.kind === 'dependant'),
  ];
  const linesByKey = new Map(pending.map((r) => [r.key, r.line]));
  const total = ordered.length;

  await db.transaction().execute(async (trx) => {
    for (const [n, r] of ordered.entries()) {
      if (n % PROGRESS_EVERY === 0 && n > 0) {
        opts.onProgress?.(n, total);
        // Let timers run (progress bars, health checks): PGlite's queries do not yield on their own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const p = r.person;
      const before = existing.get(r.key);
      let sponsor: Known | null = null;
      if (p.sponsorExternalId) {
        const sk = keyOf(r.orgId, p.sponsorExternalId);
        sponsor = known.get(sk) ?? null;
        const sponsorLine = linesByKey.get(sk);
        if (sponsor?.kind !== 'personnel') {
          const why = !sponsor
            ? sponsorLine !== undefined
              ? `sponsor ${p.sponsorExternalId} (line ${sponsorLine}) was not imported`
              : `sponsor ${p.sponsorExternalId} is neither in this file nor on record for ${r.orgCode}`
            : `sponsor ${p.sponsorExternalId} is a dependant, not personnel`;
          reject(r.line, p.externalId, [{ field: 'sponsor_external_id', message: why }]);
          continue;
        }
      }
      const warnings: FieldError[] = [];
      let station: string | null | undefined = null;
      if (p.dutyStation) {
        station = stations.get(p.dutyStation.toLowerCase());
        if (!station) {
          warnings.push({
            field: 'duty_station',
            message: `unknown duty station "${p.dutyStation}": ${before ? 'the previous station is kept' : 'left empty'}`,
          });
          station = before ? undefined : null;
        }
      } else if (p.kind === 'dependant') station = sponsor?.dutyStationId ?? null;
      let area: string | null | undefined = null;
      if (p.residenceArea) {
        area = areas.get(p.residenceArea.toLowerCase());
        if (!area) {
          warnings.push({
            field: 'residence_area',
            message: `unknown area "${p.residenceArea}": ${before ? 'kept as it was' : 'left empty'}`,
          });
          area = before ? undefined : null;
        }
      }
      if (p.nationality && !countries.has(p.nationality)) {
        warnings.push({
          field: 'nationality',
          message: `unknown country "${p.nationality}": left as it was`,
        });
        p.nationality = before ? undefined : null;
      }
      const cols = columnsOf(p, sponsor, { station, area });
      if (before && !changed(before, cols)) {
        warn(r.line, p.externalId, warnings);
        known.set(r.key, {
          id: before.id,
          kind: before.kind,
          recruitment: before.recruitment,
          dutyStationId: before.duty_station_id,
        });
        result.unchanged++;
        continue;
      }
      await sql`SAVEPOINT person_row`.execute(trx);
      try {
        const id = before
          ? (
              await trx
                .updateTable('people')
                .set({ ...cols, version: sql`version + 1`, updated_at: sql`now()` })
                .where('id', '=', before.id)
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id
          : await repo.insertPerson(trx, {
              organization_id: r.orgId,
              external_id: p.externalId,
              emergency_contact: '{}',
              source: 'import',
              ...(cols as Omit<repo.PersonValues, 'organization_id' | 'external_id' | 'emergency_contact'>),
            });
        await audit(trx, actor, {
          action: before ? 'person.import.update' : 'person.import.create',
          entityType: 'person',
          entityId: id,
          orgId: r.orgId,
          before: before
            ? {
                externalId: before.external_id,
                name: `${before.given_name} ${before.family_name}`,
                status: before.status,
                station: before.station_code,
              }
            : undefined,
          after: {
            organization: r.orgCode,
            externalId: p.externalId,
            kind: p.kind,
            name: `${p.givenName} ${p.familyName}`,
            status: p.status,
            station: p.dutyStation,
          },
        });
        await sql`RELEASE SAVEPOINT person_row`.execute(trx);
        known.set(r.key, {
          id,
          kind: p.kind,
          recruitment: cols.recruitment as Known['recruitment'],
          dutyStationId: (cols.duty_station_id ?? before?.duty_station_id ?? null) as string | null,
        });
        warn(r.line, p.externalId, warnings);
        result[before ? 'updated' : 'created']++;
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT person_row`.execute(trx);
        const pr = toProblem(error, '');
        if (pr.status >= 500) throw error;
        reject(
          r.line,
          p.externalId,
          pr.errors?.length ? pr.errors : [{ field: 'row', message: String(pr.detail ?? pr.title) }],
        );
      }
    }
    opts.onProgress?.(total, total);
    result.rejectedRows = rejectedLines.size;
    await audit(trx, actor, {
      action: 'import.people',
      entityType: 'import',
      entityId: null,
      orgId: actor.principal.organizationId,
      detail: { ...result, warnings: result.warnings.length, rejected: rejectedLines.size },
    });
  });
  result.rejected.sort((a, b) => a.line - b.line);
  result.warnings.sort((a, b) => a.line - b.line);
  return result;
}
