/**
 * The SCIM endpoint's queries: personnel (never dependants) of the organizations the caller may
 * write, filtered as parseScimFilter read it, one page at a 1-based offset as SCIM counts.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/tables';
import type { ScopeFilter } from '../../server/access/rules';
import { wherePeopleReadable } from './access';
import { personColumns } from './people.repository';
import type { ScimFilter } from './scim-filter';

type Db = Kysely<DB>;

const lowered = (values: string[]) => values.map((v) => v.toLowerCase());

function filtered(db: Db, scope: ScopeFilter, f: ScimFilter) {
  let q = personColumns(db)
    .where('p.kind', '=', 'personnel')
    .where((eb) => wherePeopleReadable(eb, scope));
  if (f.matchesNothing) q = q.where(sql<boolean>`false`);
  // userName is the e-mail, or the external id when there is none (scim-map.presentScimUser).
  for (const v of lowered(f.userName ?? []))
    q = q.where(sql<string>`lower(coalesce(p.email, p.external_id))`, '=', v);
  for (const v of lowered(f.externalId ?? [])) q = q.where(sql<string>`lower(p.external_id)`, '=', v);
  for (const v of lowered(f.email ?? [])) q = q.where(sql<string>`lower(p.email)`, '=', v);
  if (f.active !== undefined) q = q.where('p.status', '=', f.active ? 'active' : 'separated');
  return q;
}

/** One page (offset from 0) and the total the filter matches. */
export async function listScimPeople(
  db: Db,
  scope: ScopeFilter,
  f: ScimFilter,
  page: { offset: number; count: number },
) {
  const total = await filtered(db, scope, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows =
    page.count === 0
      ? []
      : await filtered(db, scope, f)
          .orderBy('p.created_at')
          .orderBy('p.id')
          .offset(page.offset)
          .limit(page.count)
          .execute();
  return { total: Number(total.n), rows };
}

export const organizationCodeOf = async (db: Db, id: string) =>
  (await db.selectFrom('organizations').select('code').where('id', '=', id).executeTakeFirst())?.code ?? null;
