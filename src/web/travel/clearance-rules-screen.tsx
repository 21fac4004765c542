import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { useCourses } from '../api/people-queries';
import { useAreas, useCountries } from '../api/queries';
import { refreshTravel, useClearanceRules } from '../api/travel-queries';
import type { ClearanceMode, ClearanceRule, PutClearanceRule } from '../api/travel-types';
import { SelectField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel } from '../ui/form-panel';
import { PageHeader, TableWrap } from '../ui/page';
import { ListState } from '../ui/states';
import { TravelNav } from './travel-nav';

const FIELDS = ['areaCode', 'mode', 'requiredCourses', 'pcMandatory', 'maxTravellers', 'note'];

function RuleForm({
  country,
  rule,
  onDone,
}: {
  country: string;
  rule: ClearanceRule | null;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const areas = useAreas(country);
  const courses = useCourses();
  type Form = Omit<PutClearanceRule, 'requiredCourses' | 'areaCode'> & {
    requiredCourses: string[];
    areaCode: string;
  };
  const [r, setR] = useState<Form>(() => ({
    countryCode: country,
    areaCode: rule?.areaCode ?? '',
    mode: rule?.mode ?? 'automatic',
    requiredCourses: rule?.requiredCourses ?? ['BSAFE'],
    pcMandatory: rule?.pcMandatory ?? false,
    maxTravellers: rule?.maxTravellers ?? null,
    note: rule?.note ?? '',
    version: rule?.version,
  }));
  const save = useMutation({
    mutationFn: (body: PutClearanceRule) => api.put<ClearanceRule>('/travel/clearance-rules', body),
    onSuccess: () => {
      void refreshTravel(client);
      onDone();
    },
  });
  const { byField, other } = splitProblem(save.error, FIELDS);
  const toggle = (code: string, on: boolean) =>
    setR({
      ...r,
      requiredCourses: on ? [...r.requiredCourses, code] : r.requiredCourses.filter((c) => c !== code),
    });
  return (
    <FormPanel
      title={rule ? 'Change the rule' : 'New rule'}
      submitLabel="Save the rule"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate({ ...r, countryCode: country, areaCode: r.areaCode || undefined })}
      onCancel={onDone}
    >
      <SelectField
        label="Applies to"
        value={r.areaCode}
        onChange={(v) => setR({ ...r, areaCode: v })}
        options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
        placeholder="The whole country"
        error={byField.areaCode}
        disabled={Boolean(rule)}
      />
      <SelectField
        label="Clearance"
        value={r.mode}
        onChange={(v) => setR({ ...r, mode: v as ClearanceMode })}
        options={[
          { value: 'automatic', label: 'Automatic when the requirements are met' },
          { value: 'manual', label: 'Manual: the security adviser decides' },
        ]}
        error={byField.mode}
      />
      <TextField
        label="Most travellers at once"
        inputMode="numeric"
        value={r.maxTravellers ? String(r.maxTravellers) : ''}
        onChange={(v) => setR({ ...r, maxTravellers: v ? Number(v) : null })}
        error={byField.maxTravellers}
        hint="Blank: no limit set by the DO."
      />
      <fieldset className="field span-all">
        <legend className="label">Required training</legend>
        {(courses.data ?? [{ code: 'BSAFE', name: 'BSAFE', validityMonths: 36 }]).map((c) => (
          <label key={c.code} className="check">
            <input
              type="checkbox"
              checked={r.requiredCourses.includes(c.code)}
              onChange={(e) => toggle(c.code, e.target.checked)}
            />
            {c.name}
          </label>
        ))}
        {byField.requiredCourses ? <span className="field-error">{byField.requiredCourses}</span> : null}
      </fieldset>
      <label className="check span-all">
        <input
          type="checkbox"
          checked={r.pcMandatory}
          onChange={(e) => setR({ ...r, pcMandatory: e.target.checked })}
        />
        PC level mandatory
      </label>
      <TextField
        label="Note"
        value={r.note ?? ''}
        onChange={(note) => setR({ ...r, note })}
        error={byField.note}
      />
    </FormPanel>
  );
}

/** Clearance rules of one country: the country's and its areas' (an area rule wins). */
export default function ClearanceRulesScreen() {
  const countries = useCountries();
  const [country, setCountry] = useState('');
  const rules = useClearanceRules(country);
  const [editing, setEditing] = useState<ClearanceRule | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Clearance rules"
        description="Automatic or manual clearance and the training required, per country or area."
      />
      <TravelNav />
      <div className="toolbar">
        <SelectField
          label="Country"
          value={country}
          onChange={(v) => {
            setCountry(v);
            setEditing(null);
          }}
          options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          placeholder="Choose a country"
        />
        {country ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Add a rule
          </button>
        ) : null}
      </div>
      {country && editing ? (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          country={country}
          rule={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {country ? (
        <ListState query={rules} empty="No rule here: clearance is automatic with BSAFE required.">
          {(rows) => (
            <TableWrap label="Rules">
              <table data-testid="clearance-rules">
                <thead>
                  <tr>
                    <th scope="col">Applies to</th>
                    <th scope="col">Clearance</th>
                    <th scope="col">Training</th>
                    <th scope="col">PC</th>
                    <th scope="col">Limit</th>
                    <th scope="col">Note</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td>{r.areaCode ?? `all of ${r.countryCode}`}</td>
                      <td>{r.mode}</td>
                      <td>{r.requiredCourses.join(', ') || '—'}</td>
                      <td>{r.pcMandatory ? 'mandatory' : '—'}</td>
                      <td>{r.maxTravellers ?? '—'}</td>
                      <td>{r.note}</td>
                      <td>
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => setEditing(r)}
                        >
                          Change
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </ListState>
      ) : null}
    </>
  );
}
