import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { incidentKeys, useIncidentCategories } from '../api/incident-queries';
import type { DistributionList, SaveDistributionList } from '../api/incident-types';
import { useCountries } from '../api/queries';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { categoryGroups } from './labels';

const FIELDS = ['name', 'countryCode', 'categories', 'addresses'] as const;

/** One address per line (commas and semicolons also separate them), blanks dropped. */
export const splitAddresses = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** A distribution list: who else is told of incidents in a country (or anywhere), for some categories. */
export function DistributionListForm({
  list,
  onDone,
}: {
  list: DistributionList | null;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const countries = useCountries();
  const categories = useIncidentCategories();
  const { values, field } = useForm({
    name: list?.name ?? '',
    countryCode: list?.countryCode ?? '',
    addresses: list?.addresses.join('\n') ?? '',
  });
  const [chosen, setChosen] = useState<string[]>(list?.categories ?? []);
  const save = useMutation({
    mutationFn: () => {
      const body: SaveDistributionList = {
        name: values.name.trim(),
        countryCode: values.countryCode || null,
        categories: chosen,
        addresses: splitAddresses(values.addresses),
      };
      return list
        ? api.put<DistributionList>(`/incidents/distribution-lists/${list.id}`, body)
        : api.post<DistributionList>('/incidents/distribution-lists', body);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: incidentKeys.lists });
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const toggle = (code: string, on: boolean) =>
    setChosen((c) => (on ? [...c, code] : c.filter((x) => x !== code)));

  return (
    <FormPanel
      title={list ? `Edit ${list.name}` : 'New distribution list'}
      submitLabel={list ? 'Save the list' : 'Create the list'}
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate()}
      onCancel={onDone}
    >
      <TextField label="Name" {...field('name')} error={byField.name} required maxLength={200} />
      <SelectField
        label="Country"
        {...field('countryCode')}
        options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
        placeholder="Every country"
        error={byField.countryCode}
      />
      <div className="span-all prose-field">
        <TextAreaField
          label="Addresses"
          {...field('addresses')}
          rows={4}
          error={byField.addresses}
          hint="One e-mail address per line."
        />
      </div>
      {categoryGroups(categories.data ?? []).map((g) => (
        <fieldset key={g.label} className="checks span-all">
          <legend>{g.label}</legend>
          {g.options.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                checked={chosen.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      ))}
      <p className="hint span-all">
        No category ticked: told of every incident.
        {byField.categories ? <span className="field-error"> {byField.categories}</span> : null}
      </p>
    </FormPanel>
  );
}
