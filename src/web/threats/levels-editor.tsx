import { CATEGORIES, type CategoryLevels } from '../api/threat-types';
import { SelectField } from '../ui/field';
import { LevelStrip } from './level-strip';
import { CATEGORY_LABELS, highestText, levelOptions, rank, toLevel } from './levels';

/**
 * Four level pickers in a fixed order (fields that moved while the user picks would lose their
 * place), with a live preview that is ordered highest first like every saved view.
 */
export function LevelsEditor({
  value,
  onChange,
  error,
}: {
  value: CategoryLevels;
  onChange: (next: CategoryLevels) => void;
  error?: string;
}) {
  const preview = rank(value);
  return (
    <fieldset className="levels-editor span-all">
      <legend className="label">Security levels</legend>
      <div className="form-grid">
        {CATEGORIES.map((c) => (
          <SelectField
            key={c}
            label={CATEGORY_LABELS[c]}
            value={String(value[c])}
            onChange={(v) => onChange({ ...value, [c]: toLevel(v) })}
            options={levelOptions}
          />
        ))}
      </div>
      <p className="hint" aria-live="polite">
        Highest: {highestText(preview.highest)}
      </p>
      <LevelStrip ranked={preview} label="Preview, highest first" />
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
