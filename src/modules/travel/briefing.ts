/**
 * The traveller's automatic briefing and the notices of a clearance decision (DOMAIN.md §7):
 * for each destination the current advisory, the threat levels highest first (the highest threat
 * is never hidden behind an overall level, §12), the requirements and whom to call. Notices go
 * through the outbox in the transaction that records the decision, so a decision is never
 * recorded without them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { SYSTEM_PRINCIPAL } from '../../server/auth/principal';
import { enqueueMessage, listAdvisories } from '../threats/advisories.service';
import { currentAreaLevels } from '../threats/assessments.service';
import { rulesFor } from './clearance.service';
import { needsClearance, requiredCourses } from './rules';
import * as repo from './travel.repository';
import type { Briefing } from './travel.schema';

type Db = Kysely<DB>;

interface Recipient {
  email: string;
  userId?: string;
  reason: string;
}

const ROLE_LABEL: Record<string, string> = {
  designated_official: 'Designated Official',
  security_professional: 'Security office',
};

const categoryLabel = (c: string) => (c.charAt(0).toUpperCase() + c.slice(1)).replaceAll('_', ' ');

/** The briefing for a request's destinations (segments that count, one entry per area visit). */
export async function buildBriefing(db: Db, r: repo.RequestRow, segs: repo.SegmentRow[]): Promise<Briefing> {
  const visits = segs.filter((s) =>
    needsClearance({ stopover: s.stopover, leavesAirport: s.leaves_airport }),
  );
  const rules = await rulesFor(
    db,
    visits.map((s) => ({ countryCode: s.country_code, areaId: s.area_id })),
  );
  const advisories = new Map<string, Awaited<ReturnType<typeof listAdvisories>>>();
  const areas: Briefing['areas'] = [];
  for (const [i, s] of visits.entries()) {
    if (!advisories.has(s.country_code)) {
      advisories.set(s.country_code, await listAdvisories(db, SYSTEM_PRINCIPAL, { country: s.country_code }));
    }
    const published = advisories.get(s.country_code)!;
    const advisory =
      published.find((a) => a.areaId === s.area_id) ?? published.find((a) => a.areaId === null);
    const current = await currentAreaLevels(db, s.area_id);
    const levels = current
      ? Object.entries(current)
          .map(([category, level]) => ({ category, label: categoryLabel(category), level }))
          .sort((a, b) => b.level - a.level)
      : (advisory?.levels ?? []).map((l) => ({ category: l.category, label: l.label, level: l.level }));
    const { rule } = rules[i]!;
    const requirements = [
      ...requiredCourses(rule).map((c) => `${c} certificate valid on the travel dates`),
      ...(rule.pcMandatory ? ['PC level of the activities recorded (PC-mandatory)'] : []),
      rule.mode === 'manual'
        ? 'Clearance decided by the security adviser (DO-controlled)'
        : 'Automatic clearance',
      ...(rule.maxTravellers ? [`At most ${rule.maxTravellers} travellers at once`] : []),
    ];
    const office = await repo.securityOffice(db, s.country_code, [s.area_id]);
    const contacts = [
      ...(advisory?.contacts ?? []),
      ...office
        .filter((u) => u.email)
        .map((u) => ({
          role: ROLE_LABEL[u.role] ?? u.role,
          name: u.display_name,
          email: u.email ?? undefined,
        })),
    ];
    areas.push({
      countryCode: s.country_code,
      countryName: s.country_name,
      areaCode: s.area_code,
      areaName: s.area_name,
      arrivesAt: s.arrives_at.toISOString(),
      departsAt: s.departs_at.toISOString(),
      advisory: advisory
        ? { headline: advisory.headline, guidance: advisory.guidance, effectiveDate: advisory.effectiveDate }
        : null,
      levels,
      highest: levels[0]?.level ?? null,
      requirements,
      contacts,
    });
  }
  return { requestId: r.id, reference: r.reference, status: r.status, areas, text: briefingText(areas) };
}

function briefingText(areas: Briefing['areas']): string {
  return areas
    .map((a) =>
      [
        `${a.areaName} (${a.areaCode}), ${a.countryName}: ${a.arrivesAt.slice(0, 16)} to ${a.departsAt.slice(0, 16)} UTC`,
        a.advisory
          ? `Advisory: ${a.advisory.headline}\n${a.advisory.guidance}`
          : 'No published travel advisory.',
        a.levels.length
          ? `Threat levels, highest first: ${a.levels.map((l) => `${l.label} ${l.level}`).join(', ')}`
          : 'No current threat assessment.',
        `Requirements: ${a.requirements.join('; ')}`,
        a.contacts.length
          ? `Contacts:\n${a.contacts.map((c) => `- ${c.role}: ${c.name}${c.phone ? ` ${c.phone}` : ''}${c.email ? ` <${c.email}>` : ''}`).join('\n')}`
          : 'Contacts: none recorded',
      ].join('\n'),
    )
    .join('\n\n');
}

/**
 * The decision with the briefing to the traveller (their profile's or sign-in's address) and to
 * whoever filed it; once cleared, a travel notice to each destination's security office.
 */
export async function notifyDecision(db: Db, r: repo.RequestRow, segs: repo.SegmentRow[], publicUrl: string) {
  const url = `${publicUrl.replace(/\/$/, '')}/travel/requests/${r.id}`;
  const briefing = await buildBriefing(db, r, segs);
  const users = await repo.usersByIds(
    db,
    [r.person_user_id, r.requested_by].filter((x): x is string => !!x),
  );
  const recipients = new Map<string, Recipient>();
  const add = (x: Recipient) => {
    const key = x.email.trim().toLowerCase();
    if (key && !recipients.has(key)) recipients.set(key, { ...x, email: x.email.trim() });
  };
  const traveller = users.find((u) => u.id === r.person_user_id);
  if (r.person_email) add({ email: r.person_email, userId: traveller?.id, reason: 'traveller' });
  if (traveller?.email) add({ email: traveller.email, userId: traveller.id, reason: 'traveller' });
  const requester = users.find((u) => u.id === r.requested_by);
  if (requester?.email) add({ email: requester.email, userId: requester.id, reason: 'requester' });
  const name = `${r.given_name} ${r.family_name}`;
  const outcome = r.status === 'cleared' ? 'cleared' : r.status === 'refused' ? 'refused' : r.status;
  await enqueueMessage(db, {
    topic: 'travel.decision',
    dedupeKey: `travel.decision:${r.id}:${r.version}`,
    payload: {
      subject: `[OpenSMIN] Travel ${r.reference} ${outcome}: ${name}, ${r.starts_on} to ${r.ends_on}`,
      text: [
        `Security clearance for ${name} (${r.reference}): ${outcome} (${r.decision ?? 'pending'}).`,
        `Reasons:\n${(r.reasons as string[]).map((x) => `- ${x}`).join('\n')}`,
        r.status === 'cleared' ? `Briefing\n\n${briefing.text}` : '',
        `Details (sign-in required): ${url}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      url,
      travelRequestId: r.id,
    },
    recipients: [...recipients.values()],
  });
  if (r.status !== 'cleared') return;
  for (const country of new Set(briefing.areas.map((a) => a.countryCode))) {
    const mine = briefing.areas.filter((a) => a.countryCode === country);
    const areaIds = segs.filter((s) => s.country_code === country).map((s) => s.area_id);
    const office = (await repo.securityOffice(db, country, areaIds)).filter((u) => u.email);
    if (office.length === 0) continue;
    await enqueueMessage(db, {
      topic: 'travel.notice',
      dedupeKey: `travel.notice:${r.id}:${r.version}:${country}`,
      payload: {
        subject: `[OpenSMIN] Arriving: ${name} (${r.organization_code}), ${r.reference}`,
        text: [
          `${name} of ${r.organization_code} is cleared to travel (${r.travel_type}): ${r.purpose}`,
          ...mine.map((a) => `- ${a.areaName} (${a.areaCode}): ${a.arrivesAt} to ${a.departsAt}`),
          `Details (sign-in required): ${url}`,
        ].join('\n'),
        url,
        travelRequestId: r.id,
      },
      recipients: office.map((u) => ({
        email: u.email!,
        userId: u.id,
        reason: ROLE_LABEL[u.role] ?? u.role,
      })),
    });
  }
}
