import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { useAreas, useCountries, useOrganizations } from '../api/queries';
import type { CreateGrant, RoleInfo, ScopeType } from '../api/types';
import { SelectField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';

const SCOPE_LABELS: Record<ScopeType, string> = {
  global: 'Global (everywhere)',
  organization: 'An organization',
  country: 'A country',
  area: 'An area',
};

/** Grants a role over a scope; the scope choices follow what the chosen role allows. */
export function GrantForm({ userId, roles }: { userId: string; roles: RoleInfo[] }) {
  const client = useQueryClient();
  const [role, setRole] = useState('');
  const [scopeType, setScopeType] = useState<ScopeType | ''>('');
  const [scopeId, setScopeId] = useState('');
  const [areaCountry, setAreaCountry] = useState('');
  const organizations = useOrganizations();
  const countries = useCountries();
  const areas = useAreas(areaCountry, scopeType === 'area' && Boolean(areaCountry));
  const chosen = roles.find((r) => r.role === role);
  const scopes = chosen?.scopes ?? [];

  const grant = useMutation({
    mutationFn: (body: CreateGrant) => api.post(`/users/${userId}/grants`, body),
    onSuccess: async () => {
      setRole('');
      setScopeType('');
      setScopeId('');
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const { byField, other } = splitProblem(grant.error, ['role', 'scopeType', 'scopeId']);
  const chooseRole = (value: string) => {
    setRole(value);
    const allowed = roles.find((r) => r.role === value)?.scopes ?? [];
    // A role with a single possible scope (administrator: global) needs no second choice.
    setScopeType(allowed.length === 1 ? (allowed[0] ?? '') : '');
    setScopeId('');
  };
  const complete = chosen && scopeType && (scopeType === 'global' || scopeId);

  return (
    <form
      className="grant-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (complete)
          grant.mutate({ role: chosen.role, scopeType, scopeId: scopeType === 'global' ? null : scopeId });
      }}
      aria-label="Grant a role"
      noValidate
    >
      <h4>Grant a role</h4>
      <FormProblem error={grant.error} other={other} />
      <div className="form-grid">
        <SelectField
          label="Role"
          value={role}
          onChange={chooseRole}
          options={roles.map((r) => ({ value: r.role, label: r.label }))}
          placeholder="Choose a role…"
          error={byField.role}
        />
        <SelectField
          label="Scope"
          value={scopeType}
          onChange={(v) => {
            setScopeType(v as ScopeType | '');
            setScopeId('');
          }}
          options={scopes.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
          placeholder={role ? 'Choose a scope…' : 'Choose a role first'}
          disabled={!role}
          error={byField.scopeType}
        />
        {scopeType === 'organization' ? (
          <SelectField
            label="Organization"
            value={scopeId}
            onChange={setScopeId}
            options={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.code} — ${o.name}` }))}
            placeholder="Choose…"
            error={byField.scopeId}
          />
        ) : null}
        {scopeType === 'country' || scopeType === 'area' ? (
          <SelectField
            label="Country"
            value={scopeType === 'country' ? scopeId : areaCountry}
            onChange={(v) => {
              if (scopeType === 'country') setScopeId(v);
              else {
                setAreaCountry(v);
                setScopeId('');
              }
            }}
            options={(countries.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            placeholder="Choose…"
            error={scopeType === 'country' ? byField.scopeId : undefined}
          />
        ) : null}
        {scopeType === 'area' ? (
          <SelectField
            label="Area"
            value={scopeId}
            onChange={setScopeId}
            options={(areas.data ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }))}
            placeholder={areaCountry ? (areas.isFetching ? 'Loading…' : 'Choose…') : 'Choose a country first'}
            error={byField.scopeId}
          />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={!complete || grant.isPending}>
          {grant.isPending ? 'Granting…' : 'Grant role'}
        </button>
      </div>
    </form>
  );
}
