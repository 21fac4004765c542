import type { Category, CategoryAssessment, Level } from '../api/threat-types';
import { CATEGORY_LABELS, LEVEL_DESCRIPTORS, levelOptions, toLevel } from '../threats/levels';
import { SelectField, TextAreaField } from '../ui/field';

/** A category in the editor; level 0 means "not chosen yet" (no silent default level). */
export type DraftCategory = Omit<CategoryAssessment, 'level'> & { level: Level | 0 };

const FACTORS = [
  ['intent', 'Intent', 'What the threat actors want to do, and against whom.'],
  ['capability', 'Capability', 'What they are able to do: means, numbers, reach, track record.'],
  [
    'inhibitingContext',
    'Inhibiting context',
    'What holds them back: host security forces, community acceptance, deterrence.',
  ],
  ['narrative', 'Narrative', 'The assessment in prose, for the people who will read it.'],
] as const;

/** One category's level and the factors it rests on. */
export function CategoryFields({
  category,
  value,
  onChange,
  error,
}: {
  category: Category;
  value: DraftCategory;
  onChange: (next: DraftCategory) => void;
  error?: string;
}) {
  const label = CATEGORY_LABELS[category];
  return (
    <fieldset className="category-card span-all" data-category={category}>
      <legend className="category-legend">{label}</legend>
      <div className="form-grid">
        <SelectField
          label={`${label} level`}
          value={value.level ? String(value.level) : ''}
          onChange={(v) => onChange({ ...value, level: v ? toLevel(v) : 0 })}
          options={levelOptions}
          placeholder="Choose a level"
          required
          error={error}
          hint={value.level ? LEVEL_DESCRIPTORS[value.level] : undefined}
        />
      </div>
      <div className="form-grid prose-field">
        {FACTORS.map(([key, name, hint]) => (
          <TextAreaField
            key={key}
            label={`${label}: ${name.toLowerCase()}`}
            value={value[key]}
            onChange={(v) => onChange({ ...value, [key]: v })}
            rows={key === 'narrative' ? 4 : 3}
            hint={hint}
          />
        ))}
      </div>
    </fieldset>
  );
}
