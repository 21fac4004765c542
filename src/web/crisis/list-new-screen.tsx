import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { useAreas, useCountries } from '../api/queries';
import { navigate } from '../router/router';
import { SelectField, TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';
import { PageHeader } from '../ui/page';
import { type CreateList, type ListDetail, refreshCrisis } from './crisis-api';
import { CrisisNav } from './crisis-nav';

const FIELDS = [
  'kind',
  'country',
  'area',
  'title',
  'destination',
  'destinationCountry',
  'destinationArea',
  'at',
];

/** Makes a relocation or evacuation list from who-is-where now (or at a chosen moment). */
export default function CrisisListNewScreen() {
  const client = useQueryClient();
  const [kind, setKind] = useState<CreateList['kind']>('relocation');
  const [country, setCountry] = useState('');
  const [area, setArea] = useState('');
  const [title, setTitle] = useState('');
  const [destination, setDestination] = useState('');
  const [destinationCountry, setDestinationCountry] = useState('');
  const [destinationArea, setDestinationArea] = useState('');
  const [at, setAt] = useState('');
  const countries = useCountries();
  const areas = useAreas(country, Boolean(country));
  const destinationAreas = useAreas(destinationCountry, Boolean(destinationCountry));
  const create = useMutation({
    mutationFn: (body: CreateList) => api.post<ListDetail>('/crisis/lists', body),
    onSuccess: async (list) => {
      await refreshCrisis(client);
      navigate(`/crisis/lists/${list.id}`);
    },
  });
  const { byField, other } = splitProblem(create.error, FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      kind,
      country: country || undefined,
      area: area || undefined,
      title: title.trim() || undefined,
      destination: destination.trim(),
      destinationCountry: destinationCountry || undefined,
      destinationArea: destinationArea || undefined,
      at: at ? new Date(at).toISOString() : undefined,
    });
  };
  const countryOptions = (countries.data ?? []).map((c) => ({ value: c.code, label: c.name }));
  return (
    <>
      <PageHeader
        title="New relocation or evacuation list"
        description="Everyone present in the country or area is read from who-is-where; each person is listed with the rule that makes them eligible, or left out with the reason."
      />
      <CrisisNav />
      <form className="panel crisis-form" aria-label="New list" noValidate onSubmit={submit}>
        <FormProblem error={create.error} other={other} />
        <div className="form-grid">
          <SelectField
            label="Kind"
            value={kind}
            onChange={(v) => setKind(v as CreateList['kind'])}
            error={byField.kind}
            hint={
              kind === 'relocation'
                ? 'Within the country: any personnel and their dependants.'
                : 'Out of the country: international personnel and eligible dependants; local personnel only when designated as targeted because of their employment.'
            }
            options={[
              { value: 'relocation', label: 'Relocation' },
              { value: 'evacuation', label: 'Evacuation' },
            ]}
          />
          <SelectField
            label="Country"
            required
            value={country}
            onChange={(v) => {
              setCountry(v);
              setArea('');
            }}
            error={byField.country}
            options={countryOptions}
            placeholder="Choose a country"
          />
          <SelectField
            label="Area"
            value={area}
            onChange={setArea}
            error={byField.area}
            options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
            placeholder="The whole country"
          />
          <TextField
            label="Destination"
            required
            value={destination}
            onChange={setDestination}
            error={byField.destination}
            hint="An assembly point, a city, a safe haven."
          />
          <SelectField
            label="Destination country"
            value={destinationCountry}
            onChange={(v) => {
              setDestinationCountry(v);
              setDestinationArea('');
            }}
            error={byField.destinationCountry}
            options={countryOptions}
            placeholder="Not given"
          />
          <SelectField
            label="Destination area"
            value={destinationArea}
            onChange={setDestinationArea}
            error={byField.destinationArea}
            options={(destinationAreas.data ?? []).map((a) => ({
              value: a.code,
              label: `${a.name} (${a.code})`,
            }))}
            placeholder="Not given"
          />
          <TextField
            label="Title"
            value={title}
            onChange={setTitle}
            error={byField.title}
            hint="Blank: made up."
          />
          <TextField
            label="Who-is-where at"
            type="datetime-local"
            value={at}
            onChange={setAt}
            error={byField.at}
            hint="Blank: now."
          />
        </div>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Making the list…' : 'Make the list'}
        </button>
      </form>
    </>
  );
}
