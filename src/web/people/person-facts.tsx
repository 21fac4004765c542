import type { Person } from '../api/people-types';

/** A profile's facts as a definition list. */
export function PersonFacts({ person: p }: { person: Person }) {
  const ec = p.emergencyContact;
  const facts: [string, string][] = [
    ['Name', `${p.givenName} ${p.familyName}`],
    ['Organization', p.organizationCode],
    ['Staff id', p.externalId],
    ['Recruitment', p.recruitment === 'international' ? 'International' : 'Locally recruited'],
    ['Contract', p.contractType || '—'],
    ['Duty station', p.dutyStation ? `${p.dutyStation.name} (${p.dutyStation.countryCode})` : '—'],
    ['Residence', [p.residenceAreaCode, p.residenceAddress].filter(Boolean).join(', ') || '—'],
    ['E-mail', p.email ?? '—'],
    ['Phone', p.phone ?? '—'],
    [
      'Emergency contact',
      [ec.name, ec.relation ? `(${ec.relation})` : '', ec.phone, ec.email].filter(Boolean).join(' ') || '—',
    ],
  ];
  return (
    <section className="panel" aria-label="Profile" data-testid="person-facts">
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
