import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { IMPORT_KINDS, type ImportKind, type ImportResult, type Permission } from '../api/types';
import { useCan } from '../auth/session';
import { SelectField } from '../ui/field';
import { FormProblem } from '../ui/form-errors';
import { PageHeader } from '../ui/page';
import { ImportResultView } from './import-result';

/** What each kind expects, shown on screen so that a file can be prepared without a manual. */
const KINDS: Record<ImportKind, { label: string; columns: string; note: string; needs: Permission[] }> = {
  organizations: {
    label: 'Organizations',
    columns: 'code,name,type,counted_in',
    note: 'type is secretariat, agency, fund, programme or other; counted_in is another organization’s code (optional).',
    needs: ['org.create', 'org.write'],
  },
  areas: {
    label: 'Areas',
    columns: 'code,name,country,pcode',
    note: 'country is the ISO 3166 alpha-3 code; pcode optional. A GeoJSON FeatureCollection with these properties also works and carries the boundaries.',
    needs: ['geo.write'],
  },
  stations: {
    label: 'Duty stations',
    columns: 'code,name,area,lat,lon',
    note: 'area is the code of an existing area; lat and lon in decimal degrees.',
    needs: ['geo.write'],
  },
  premises: {
    label: 'Premises',
    columns: 'code,name,kind,organization,station,lat,lon,address',
    note: 'organization and station are existing codes; lat, lon and address optional.',
    needs: ['premises.write'],
  },
};

const isGeoJson = (file: File) => /\.(geo)?json$/i.test(file.name) || file.type.includes('json');

/** Uploads a CSV (or GeoJSON for areas) and shows what was created, updated and rejected. */
export default function ImportScreen() {
  const can = useCan();
  const client = useQueryClient();
  const allowed = IMPORT_KINDS.filter((k) => can(...KINDS[k].needs));
  const [kind, setKind] = useState<ImportKind>(allowed[0] ?? 'stations');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async ({ kind: k, file: f }: { kind: ImportKind; file: File }) => {
      const text = await f.text();
      const type = k === 'areas' && isGeoJson(f) ? 'application/geo+json' : 'text/csv';
      return api.upload<ImportResult>(`/imports/${k}`, text, type);
    },
    // Imports change counts everywhere (countries, map, tables): refresh what is cached.
    onSuccess: () => client.invalidateQueries(),
  });
  const spec = KINDS[kind];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a file to upload.');
      return;
    }
    setFileError(null);
    upload.mutate({ kind, file });
  };

  return (
    <>
      <PageHeader
        title="Import"
        description="Load organizations, areas, duty stations or premises from a file."
      />
      <form className="panel" onSubmit={submit} noValidate aria-label="Import a file">
        <FormProblem error={upload.error} other={[]} />
        <div className="form-grid">
          <SelectField
            label="What to import"
            value={kind}
            onChange={(v) => {
              setKind(v as ImportKind);
              upload.reset();
            }}
            options={allowed.map((k) => ({ value: k, label: KINDS[k].label }))}
          />
          <div className={`field${fileError ? ' has-error' : ''}`}>
            <label className="label" htmlFor="import-file">
              File
            </label>
            <input
              id="import-file"
              type="file"
              accept={
                kind === 'areas' ? '.csv,text/csv,.geojson,.json,application/geo+json' : '.csv,text/csv'
              }
              aria-describedby={fileError ? 'import-file-error' : undefined}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(null);
                upload.reset();
              }}
            />
            {fileError ? (
              <span className="field-error" id="import-file-error">
                {fileError}
              </span>
            ) : null}
          </div>
        </div>
        <div className="import-spec">
          <p className="label">Expected CSV columns (first line is the header)</p>
          <pre data-testid="import-columns">{spec.columns}</pre>
          <p className="hint">
            {spec.note} UTF-8, comma-separated. Rows whose code already exists are updated; bad rows are
            rejected and reported by line, the others are still imported.
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={upload.isPending || allowed.length === 0}>
            {upload.isPending ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </form>
      {upload.data ? <ImportResultView result={upload.data} /> : null}
    </>
  );
}
