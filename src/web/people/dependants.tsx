import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { refreshPeople } from '../api/people-queries';
import type { CreateDependant, Person, PersonSummary } from '../api/people-types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';
import { TableWrap } from '../ui/page';
import { Empty } from '../ui/states';

const FIELDS = ['givenName', 'familyName', 'sex', 'birthDate'];

/** Adds a dependant to the caller's own profile. */
function DependantForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const { values, field } = useForm({ givenName: '', familyName: '', sex: 'unknown', birthDate: '' });
  const add = useMutation({
    mutationFn: (body: CreateDependant) => api.post<Person>('/people/me/dependants', body),
    onSuccess: () => {
      void refreshPeople(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(add.error, FIELDS);
  return (
    <FormPanel
      title="Add a dependant"
      submitLabel="Add"
      pending={add.isPending}
      error={add.error}
      other={other}
      headingLevel="h3"
      onCancel={onDone}
      onSubmit={() =>
        add.mutate({
          givenName: values.givenName,
          familyName: values.familyName,
          sex: values.sex as CreateDependant['sex'],
          birthDate: optionalText(values.birthDate),
        })
      }
    >
      <TextField label="Given name" required {...field('givenName')} error={byField.givenName} />
      <TextField label="Family name" required {...field('familyName')} error={byField.familyName} />
      <SelectField
        label="Sex"
        {...field('sex')}
        options={[
          { value: 'unknown', label: 'Not stated' },
          { value: 'female', label: 'Female' },
          { value: 'male', label: 'Male' },
        ]}
        error={byField.sex}
      />
      <TextField label="Birth date" type="date" {...field('birthDate')} error={byField.birthDate} />
    </FormPanel>
  );
}

/** A person's dependants; on one's own profile, with an add form. */
export function Dependants({
  dependants,
  canAdd,
}: {
  dependants: readonly (PersonSummary & { birthDate?: string | null })[];
  canAdd: boolean;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-label="Dependants">
      <h2>Dependants</h2>
      {dependants.length === 0 ? (
        <Empty>No dependants recorded.</Empty>
      ) : (
        <TableWrap label="Dependants">
          <table data-testid="dependants">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Birth date</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {dependants.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.givenName} {d.familyName}
                  </td>
                  <td>{d.birthDate ?? '—'}</td>
                  <td>{d.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canAdd && adding ? <DependantForm onDone={() => setAdding(false)} /> : null}
      {canAdd && !adding ? (
        <button type="button" className="button secondary" onClick={() => setAdding(true)}>
          Add a dependant
        </button>
      ) : null}
    </section>
  );
}
