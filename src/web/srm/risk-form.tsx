import { api } from '../api/client';
import {
  IMPACTS,
  type Impact,
  LIKELIHOODS,
  type Likelihood,
  RISK_CATEGORIES,
  type Risk,
  type RiskInput,
  type SrmDetail,
  STRATEGIES,
  type Strategy,
} from '../api/srm-types';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { splitProblem } from '../ui/form-errors';
import { FormPanel, useForm } from '../ui/form-panel';
import { RiskBadge } from './badges';
import { CATEGORY_LABELS, IMPACT_LABELS, LIKELIHOOD_LABELS, riskAt, STRATEGY_LABELS } from './risk-levels';
import { useSrmWrite } from './use-srm-write';

const FIELDS = ['title', 'category', 'exposed', 'likelihood', 'impact', 'strategy'] as const;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

/**
 * Adds a risk. The inherent risk is previewed from this SRM's own matrix as likelihood and impact
 * are chosen, so the adviser sees the level before saving; the server computes it again.
 */
export function RiskForm({ srm, onDone }: { srm: SrmDetail; onDone: () => void }) {
  const { values, field } = useForm({
    title: '',
    category: 'crime',
    exposed: '',
    likelihood: '',
    impact: '',
    strategy: 'control',
  });
  const { mutation: save } = useSrmWrite(() => {
    const body: RiskInput = {
      title: values.title.trim(),
      category: values.category as RiskInput['category'],
      exposed: values.exposed.trim(),
      likelihood: values.likelihood as Likelihood,
      impact: values.impact as Impact,
      strategy: values.strategy as Strategy,
    };
    return api.post<Risk>(`/srm/${srm.id}/risks`, body);
  }, onDone);
  const { byField, other } = splitProblem(save.error, FIELDS);
  const likelihood = values.likelihood as Likelihood | '';
  const impact = values.impact as Impact | '';
  const preview = likelihood && impact ? riskAt(srm.matrix, { likelihood, impact }) : undefined;

  return (
    <FormPanel
      title="Add a risk"
      submitLabel="Add risk"
      pending={save.isPending}
      error={save.error}
      other={other}
      onSubmit={() => save.mutate(undefined)}
      onCancel={onDone}
      headingLevel="h3"
    >
      <div className="span-all">
        <TextField
          label="Risk (undesirable event)"
          {...field('title')}
          error={byField.title}
          required
          maxLength={300}
          placeholder="e.g. Carjacking on the airport road"
        />
      </div>
      <SelectField
        label="Category"
        {...field('category')}
        error={byField.category}
        options={options(RISK_CATEGORIES, CATEGORY_LABELS)}
      />
      <SelectField
        label="Likelihood"
        {...field('likelihood')}
        error={byField.likelihood}
        options={options(LIKELIHOODS, LIKELIHOOD_LABELS)}
        placeholder="Choose…"
        required
      />
      <SelectField
        label="Impact"
        {...field('impact')}
        error={byField.impact}
        options={options(IMPACTS, IMPACT_LABELS)}
        placeholder="Choose…"
        required
      />
      <SelectField
        label="Strategy"
        {...field('strategy')}
        error={byField.strategy}
        options={options(STRATEGIES, STRATEGY_LABELS)}
      />
      <div className="span-all preview-line" aria-live="polite" data-testid="inherent-preview-line">
        <span className="label">Inherent risk:</span>
        {preview ? (
          <RiskBadge level={preview} strong testId="inherent-preview" />
        ) : (
          <span className="hint">choose likelihood and impact</span>
        )}
        <span className="hint">from risk matrix version {srm.matrixNumber}</span>
      </div>
      <div className="span-all prose-field">
        <TextAreaField
          label="Who and what is exposed"
          {...field('exposed')}
          error={byField.exposed}
          rows={2}
        />
      </div>
    </FormPanel>
  );
}
