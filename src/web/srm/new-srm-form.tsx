import { api } from '../api/client';
import { useAreas, useCountries, useOrganizations } from '../api/queries';
import type { CreateSrm, SrmDetail, SrmKind } from '../api/srm-types';
import { useGrantCountries } from '../assessments/area-picker';
import { navigate } from '../router/router';
import { today } from '../threats/levels';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, optionalText, useForm } from '../ui/form-panel';
import { useSrmWrite } from './use-srm-write';

const FIELDS = [
  'kind',
  'title',
  'countryCode',
  'areaCode',
  'organizationCode',
  'periodStart',
  'periodEnd',
] as const;

const KINDS: { value: SrmKind; label: string }[] = [
  { value: 'area', label: 'Area' },
  { value: 'country', label: 'Country or mission' },
  { value: 'ad_hoc', label: 'Ad hoc' },
];

/** Drafts a new SRM; the server links it to the area's current threat assessment. */
export function NewSrmForm({ onCancel }: { onCancel: () => void }) {
  const own = useGrantCountries();
  const { values, field, setValues } = useForm({
    kind: 'area',
    title: '',
    countryCode: own?.length === 1 ? (own[0] ?? '') : '',
    areaCode: '',
    organizationCode: '',
    periodStart: today(),
    periodEnd: today(364),
  });
  const countries = useCountries();
  const areas = useAreas(values.countryCode || undefined, Boolean(values.countryCode));
  const organizations = useOrganizations(values.kind === 'ad_hoc');
  const { mutation: save } = useSrmWrite(
    () =>
      api.post<SrmDetail>('/srm', {
        kind: values.kind as SrmKind,
        title: values.title.trim(),
        countryCode: values.countryCode,
        areaCode: optionalText(values.areaCode),
        organizationCode: optionalText(values.organizationCode),
        periodStart: values.periodStart,
        periodEnd: values.periodEnd,
      } satisfies CreateSrm),
    (created) => navigate(`/srm/${created.id}`),
  );
  const { byField, other } = splitProblem(save.error, FIELDS);
  const countryOptions = (countries.data ?? [])
    .filter((c) => !own || own.includes(c.code))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));

  return (
    <FormPanel
      title="New SRM"
      submitLabel="Create draft"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate(undefined)}
      onCancel={onCancel}
    >
      <SelectField
        label="Kind"
        {...field('kind')}
        error={byField.kind}
        options={KINDS}
        hint="Ad hoc: a mission, event or movement, possibly for one organization."
        required
      />
      <div className="span-all">
        <TextField label="Title" {...field('title')} error={byField.title} required maxLength={200} />
      </div>
      <SelectField
        label="Country"
        value={values.countryCode}
        onChange={(v) => setValues((s) => ({ ...s, countryCode: v, areaCode: '' }))}
        error={byField.countryCode}
        options={countryOptions}
        placeholder={countries.isPending ? 'Loading…' : 'Choose a country'}
        required
      />
      <SelectField
        label="Area"
        {...field('areaCode')}
        error={byField.areaCode}
        disabled={!values.countryCode}
        options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
        placeholder={values.kind === 'area' ? 'Choose an area' : 'None (whole country)'}
        required={values.kind === 'area'}
      />
      {values.kind === 'ad_hoc' ? (
        <SelectField
          label="Organization"
          {...field('organizationCode')}
          error={byField.organizationCode}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
          placeholder="All organizations"
          hint="For an agency-specific SRM."
        />
      ) : null}
      <TextField
        label="Period start"
        type="date"
        {...field('periodStart')}
        error={byField.periodStart}
        required
      />
      <TextField label="Period end" type="date" {...field('periodEnd')} error={byField.periodEnd} required />
    </FormPanel>
  );
}
