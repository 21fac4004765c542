import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { apiUrl, ProblemError } from '../api/client';
import { refreshPeople } from '../api/people-queries';
import type { ImportRowProblem, PeopleImportResult } from '../api/people-types';
import { useOrganizations } from '../api/queries';
import { SelectField } from '../ui/field';
import { FormProblem } from '../ui/form-errors';
import { PageHeader, TableWrap } from '../ui/page';
import { PeopleNav } from './people-nav';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the file as it is (CSV text or XLSX bytes); a failure becomes a ProblemError. */
async function upload({
  file,
  organization,
}: {
  file: File;
  organization: string;
}): Promise<PeopleImportResult> {
  const xlsx = /\.xlsx$/i.test(file.name);
  const response = await fetch(apiUrl('/people/import', { organization }), {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': xlsx ? XLSX : 'text/csv',
      accept: 'application/json, application/problem+json',
    },
    body: xlsx ? await file.arrayBuffer() : await file.text(),
  });
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw new ProblemError(response.status, typeof body === 'object' && body ? body : {});
  return body as PeopleImportResult;
}

function Problems({ title, rows }: { title: string; rows: readonly ImportRowProblem[] }) {
  if (rows.length === 0) return null;
  return (
    <TableWrap label={title}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Staff id</th>
            <th scope="col">Column</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.line}:${r.field}:${r.message}`}>
              <td className="num">{r.line}</td>
              <td>{r.externalId ?? '—'}</td>
              <td>{r.field || '—'}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** HR staff lists (CSV or XLSX): every row is accounted for, problems reported by row and column. */
export default function PeopleImportScreen() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [organization, setOrganization] = useState('');
  const organizations = useOrganizations();
  const send = useMutation({ mutationFn: upload, onSuccess: () => refreshPeople(client) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setFileError('Choose a file to upload.');
    setFileError(null);
    send.mutate({ file, organization });
  };
  const r = send.data;
  return (
    <>
      <PageHeader
        title="HR import"
        description="Create and update personal security profiles from an HR staff list."
      />
      <PeopleNav />
      <form className="panel" onSubmit={submit} noValidate aria-label="Import a staff list">
        <FormProblem error={send.error} other={[]} />
        <div className={`field${fileError ? ' has-error' : ''}`}>
          <label className="label" htmlFor="people-file">
            Staff list (CSV or XLSX)
          </label>
          <input
            id="people-file"
            type="file"
            accept=".csv,text/csv,.xlsx"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'people-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              send.reset();
            }}
          />
          {fileError ? (
            <span className="field-error" id="people-file-error">
              {fileError}
            </span>
          ) : null}
        </div>
        <SelectField
          label="Organization of rows that name none"
          value={organization}
          onChange={setOrganization}
          options={(organizations.data ?? []).map((o) => ({ value: o.code, label: o.code }))}
          placeholder="Every row names its organization"
        />
        <p className="hint">
          Rows are matched by organization and staff id: a re-import updates, never duplicates. Rows with
          problems are reported below with their row and column; nobody is silently dropped.
        </p>
        <div className="form-actions">
          <button type="submit" className="button" disabled={send.isPending}>
            {send.isPending ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </form>
      {r ? (
        <section className="panel" aria-label="Import result" data-testid="people-import-result">
          <h2>Result</h2>
          <p className={r.rejectedRows ? 'notice' : 'success'} role="status">
            {r.total} rows read:
            <strong>{r.created} created</strong>, <strong>{r.updated} updated</strong>, {r.unchanged}{' '}
            unchanged, {r.warnings.length} warnings, <strong>{r.rejectedRows} rejected</strong>.
          </p>
          <Problems title="Rejected rows" rows={r.rejected} />
          <Problems title="Warnings (imported)" rows={r.warnings} />
        </section>
      ) : null}
    </>
  );
}
