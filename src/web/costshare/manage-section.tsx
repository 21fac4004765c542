import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { api } from '../api/client';
import { TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';
import {
  type Apportionment,
  type CreateScenario,
  type PeriodDetail,
  refreshCostshare,
  type Source,
} from './api';

/** The cost-sharing manager's work on a period: census import, scenarios, approval. */
export function ManageSection({
  period,
  source,
  onApproved,
}: {
  period: PeriodDetail;
  source: Source | null;
  onApproved: (s: Source) => void;
}) {
  const client = useQueryClient();
  const [csv, setCsv] = useState('');
  const [note, setNote] = useState('');
  const [scenario, setScenario] = useState({ name: '', total: '', minimum: '' });
  const refresh = () => refreshCostshare(client);
  const importCsv = useMutation({
    mutationFn: () =>
      api.post<PeriodDetail>(`/costshare/periods/${period.id}/census/import`, {
        csv,
        version: period.version,
      }),
    onSuccess: async () => {
      setCsv('');
      await refresh();
    },
  });
  const addScenario = useMutation({
    mutationFn: (body: CreateScenario) => api.post(`/costshare/periods/${period.id}/scenarios`, body),
    onSuccess: async () => {
      setScenario({ name: '', total: '', minimum: '' });
      await refresh();
    },
  });
  const approve = useMutation({
    mutationFn: () =>
      api.post<Apportionment>(`/costshare/periods/${period.id}/approve`, {
        periodVersion: period.version,
        scenarioId: source?.kind === 'scenario' ? source.id : null,
        note,
      }),
    onSuccess: async (v) => {
      setNote('');
      await refresh();
      if (v.source.version) onApproved({ kind: 'version', no: v.source.version.versionNo });
    },
  });
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const sc = splitProblem(addScenario.error, ['name', 'total', 'minimum']);
  const approvable = source?.kind === 'census' || source?.kind === 'scenario';
  return (
    <section className="panel" aria-label="Manage the apportionment">
      <h2>Manage</h2>
      <div className="cs-grid">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            importCsv.mutate();
          }}
          aria-label="Import the census"
        >
          <h3>Import the census</h3>
          <p className="muted small">
            CSV columns organization,headcount[,counted_in]; replaces the whole census.
          </p>
          <FormProblem error={importCsv.error} other={splitProblem(importCsv.error, []).other} />
          <input type="file" accept=".csv,text/csv" aria-label="Census file" onChange={readFile} />
          <label className="label" htmlFor="cs-census-csv">
            Census CSV
          </label>
          <textarea id="cs-census-csv" value={csv} onChange={(e) => setCsv(e.target.value)} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={!csv.trim() || importCsv.isPending}>
              Import census
            </button>
          </div>
        </form>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            addScenario.mutate({
              name: scenario.name,
              total: scenario.total || null,
              minimum: scenario.minimum || null,
            });
          }}
          aria-label="Add a scenario"
        >
          <h3>Add a scenario</h3>
          <p className="muted small">
            Another total or minimum, computed on the fly; leave blank to keep the period’s.
          </p>
          <FormProblem error={addScenario.error} other={sc.other} />
          <TextField
            label="Scenario name"
            value={scenario.name}
            onChange={(name) => setScenario((c) => ({ ...c, name }))}
            error={sc.byField.name}
          />
          <TextField
            label="Scenario total"
            inputMode="decimal"
            value={scenario.total}
            onChange={(total) => setScenario((c) => ({ ...c, total }))}
            error={sc.byField.total}
          />
          <TextField
            label="Scenario minimum"
            inputMode="decimal"
            value={scenario.minimum}
            onChange={(minimum) => setScenario((c) => ({ ...c, minimum }))}
            error={sc.byField.minimum}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              disabled={!scenario.name.trim() || addScenario.isPending}
            >
              Add scenario
            </button>
          </div>
        </form>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          approve.mutate();
        }}
        aria-label="Approve"
      >
        <h3>Approve</h3>
        <p className="muted small">
          {approvable
            ? `Approves the figures shown above as version ${period.versions.length + 1}; earlier versions stay as they were.`
            : 'Choose the current census or a scenario above to approve it.'}
        </p>
        <FormProblem error={approve.error} other={splitProblem(approve.error, []).other} />
        <TextField label="Approval note" value={note} onChange={setNote} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={!approvable || approve.isPending}>
            Approve
          </button>
        </div>
      </form>
    </section>
  );
}
