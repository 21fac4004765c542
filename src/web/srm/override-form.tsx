import { request } from '../api/client';
import type { OverrideRisk, Risk, RiskLevel } from '../api/srm-types';
import { ConflictNotice } from '../threats/conflict';
import { SelectField, TextAreaField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { riskOptions } from './risk-levels';
import { useSrmWrite } from './use-srm-write';

/**
 * Replaces the computed residual level with a judgment. The reason is required (10 characters at
 * least, the server's rule) and the override stays on show beside the computed level; choosing
 * "No override" goes back to the computed value.
 */
export function OverrideForm({ risk: r, onDone }: { risk: Risk; onDone: () => void }) {
  const { values, field } = useForm({ risk: r.override?.level ?? '', reason: r.override?.reason ?? '' });
  const { mutation, conflict, reload } = useSrmWrite(
    () =>
      request<Risk>('PUT', `/srm/risks/${r.id}/override`, {
        body: {
          risk: values.risk === '' ? null : (values.risk as RiskLevel),
          reason: values.reason.trim() || undefined,
          version: r.version,
        } satisfies OverrideRisk,
      }),
    onDone,
  );
  const { byField, other } = splitProblem(mutation.error, ['risk', 'reason']);

  return (
    <FormPanel
      title={`Override the residual risk of “${r.title}”`}
      submitLabel={values.risk === '' ? 'Use the computed level' : 'Save override'}
      pending={mutation.isPending}
      error={conflict ? null : mutation.error}
      other={other}
      onSubmit={() => mutation.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h4"
    >
      {conflict ? <ConflictNotice what="risk" onReload={reload} /> : null}
      <SelectField
        label="Residual risk"
        {...field('risk')}
        error={byField.risk}
        options={riskOptions}
        placeholder={`No override (computed: ${r.residual.label})`}
      />
      <div className="span-all prose-field">
        <TextAreaField
          label="Reason"
          {...field('reason')}
          error={byField.reason}
          hint="Required for an override; it is shown with the risk and kept in the audit trail."
          rows={3}
        />
      </div>
    </FormPanel>
  );
}
