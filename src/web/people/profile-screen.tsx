import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError } from '../api/client';
import { refreshPeople, useMyProfile } from '../api/people-queries';
import type { Person, UpdateSelf } from '../api/people-types';
import { useAreas } from '../api/queries';
import { useMyTravel } from '../api/travel-queries';
import { useCan } from '../auth/session';
import { Link } from '../router/router';
import { ConflictNotice, isVersionConflict } from '../threats/conflict';
import { TravelList } from '../travel/travel-list';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText } from '../ui/form-panel';
import { PageHeader } from '../ui/page';
import { ErrorState, ListState, Loading } from '../ui/states';
import { Dependants } from './dependants';
import { PeopleNav } from './people-nav';
import { PersonFacts } from './person-facts';
import { TrainingTable } from './training-table';

const FIELDS = ['email', 'phone', 'residenceAreaCode', 'residenceAddress', 'emergencyContact'];

/** Corrects what the person owns: contacts, residence (area level) and the emergency contact. */
function ProfileForm({ person, onDone }: { person: Person; onDone: () => void }) {
  const client = useQueryClient();
  const country = person.dutyStation?.countryCode;
  const areas = useAreas(country, Boolean(country));
  const [f, setF] = useState({
    email: person.email ?? '',
    phone: person.phone ?? '',
    residenceAreaCode: person.residenceAreaCode ?? '',
    residenceAddress: person.residenceAddress,
    ecName: person.emergencyContact.name ?? '',
    ecRelation: person.emergencyContact.relation ?? '',
    ecPhone: person.emergencyContact.phone ?? '',
    ecEmail: person.emergencyContact.email ?? '',
  });
  const bind = (name: keyof typeof f) => ({
    value: f[name],
    onChange: (v: string) => setF({ ...f, [name]: v }),
  });
  const save = useMutation({
    mutationFn: (body: UpdateSelf) => api.patch<Person>('/people/me', body),
    onSuccess: () => {
      void refreshPeople(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const ecErrors =
    save.error instanceof ProblemError
      ? Object.fromEntries(
          save.error.errors
            .filter((e) => e.field.includes('emergencyContact.'))
            .map((e) => [e.field.split('.').pop(), e.message]),
        )
      : {};
  return (
    <FormPanel
      title="Correct my profile"
      submitLabel="Save"
      pending={save.isPending}
      error={isVersionConflict(save.error) ? null : save.error}
      other={other}
      onCancel={onDone}
      onSubmit={() =>
        save.mutate({
          version: person.version,
          email: optionalText(f.email) ?? null,
          phone: optionalText(f.phone) ?? null,
          residenceAreaCode: optionalText(f.residenceAreaCode) ?? null,
          residenceAddress: f.residenceAddress.trim(),
          emergencyContact: {
            name: optionalText(f.ecName),
            relation: optionalText(f.ecRelation),
            phone: optionalText(f.ecPhone),
            email: optionalText(f.ecEmail),
          },
        })
      }
    >
      {isVersionConflict(save.error) ? <ConflictNotice what="profile" onReload={onDone} /> : null}
      <TextField label="E-mail" type="email" {...bind('email')} error={byField.email} />
      <TextField label="Phone" type="tel" {...bind('phone')} error={byField.phone} />
      {areas.data && areas.data.length > 0 ? (
        <SelectField
          label="Residence (area)"
          {...bind('residenceAreaCode')}
          options={areas.data.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
          placeholder="Not stated"
          error={byField.residenceAreaCode}
        />
      ) : (
        <TextField
          label="Residence (area code)"
          {...bind('residenceAreaCode')}
          error={byField.residenceAreaCode}
        />
      )}
      <TextField
        label="Address (optional)"
        {...bind('residenceAddress')}
        error={byField.residenceAddress}
        hint="Only if you wish: your area is enough for security planning."
      />
      <TextField label="Emergency contact: name" {...bind('ecName')} error={ecErrors.name} />
      <TextField label="Emergency contact: relation" {...bind('ecRelation')} error={ecErrors.relation} />
      <TextField label="Emergency contact: phone" type="tel" {...bind('ecPhone')} error={ecErrors.phone} />
      <TextField label="Emergency contact: e-mail" type="email" {...bind('ecEmail')} error={ecErrors.email} />
    </FormPanel>
  );
}

/** The signed-in person's own security profile, dependants, training and travel. */
export default function ProfileScreen() {
  const can = useCan();
  const me = useMyProfile();
  const travel = useMyTravel(me.data?.id);
  const [editing, setEditing] = useState(false);
  const p = me.data;
  return (
    <>
      <PageHeader
        title="My profile"
        description="Your personal security profile: keep your contacts and emergency contact up to date."
        actions={
          p && !editing ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Correct my profile
            </button>
          ) : null
        }
      />
      <PeopleNav />
      {me.isPending ? (
        <Loading label="Loading your profile…" />
      ) : !p ? (
        me.error instanceof ProblemError && me.error.status === 404 ? (
          <p className="notice">
            No personal security profile is linked to your sign-in yet. Your organization’s HR focal point can
            link it.
          </p>
        ) : (
          <ErrorState error={me.error} onRetry={() => me.refetch()} />
        )
      ) : (
        <>
          {editing ? <ProfileForm key={p.version} person={p} onDone={() => setEditing(false)} /> : null}
          <PersonFacts person={p} />
          <Dependants dependants={p.dependants} canAdd />
          <section className="panel" aria-label="My training">
            <h2>My training</h2>
            <TrainingTable training={p.training} />
          </section>
          <section className="panel" aria-label="My travel">
            <h2>My travel</h2>
            <ListState query={travel} empty="You have no travel requests.">
              {(rows) => <TravelList rows={rows} label="My travel requests" />}
            </ListState>
            {can('travel.request') ? (
              <p>
                <Link to="/travel/new">Request travel</Link>
              </p>
            ) : null}
          </section>
        </>
      )}
    </>
  );
}
