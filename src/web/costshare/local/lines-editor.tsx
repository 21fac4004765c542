import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError } from '../../api/client';
import { FormProblem } from '../../ui/form-errors';
import { TableWrap } from '../../ui/page';
import { type BudgetDetail, budgetsPath, type Category, money, parseCents, refreshLocal } from './api';

/** The lines of a draft, edited as a table; the server's errors are shown under the row they name. */
interface DraftLine {
  categoryCode: string;
  description: string;
  amount: string;
}

export function LinesEditor({
  b,
  categories,
  onDone,
}: {
  b: BudgetDetail;
  categories: Category[];
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [lines, setLines] = useState<DraftLine[]>(
    b.lines.length
      ? b.lines.map((l) => ({
          categoryCode: l.categoryCode,
          description: l.description,
          amount: money(l.amountCents),
        }))
      : [{ categoryCode: categories[0]?.code ?? '', description: '', amount: '' }],
  );
  const save = useMutation({
    mutationFn: () =>
      api.put<BudgetDetail>(`${budgetsPath}/budgets/${b.id}/lines`, {
        version: b.version,
        lines: lines.map((l) => ({
          categoryCode: l.categoryCode,
          description: l.description,
          amountCents: parseCents(l.amount),
          currency: b.currency,
        })),
      }),
    onSuccess: async () => {
      await refreshLocal(client);
      onDone();
    },
  });
  const rowErrors = new Map<number, string[]>();
  if (save.error instanceof ProblemError)
    for (const fe of save.error.errors) {
      const m = /^lines\.(\d+)\.(\w+)/.exec(fe.field);
      if (m) rowErrors.set(Number(m[1]), [...(rowErrors.get(Number(m[1])) ?? []), `${m[2]}: ${fe.message}`]);
    }
  const set = (i: number, patch: Partial<DraftLine>) =>
    setLines((cur) => cur.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const other =
    save.error instanceof ProblemError ? save.error.errors.filter((e) => !/^lines\.\d+/.test(e.field)) : [];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <FormProblem error={save.error} other={other} />
      <TableWrap label="Edit lines">
        <table className="lcs-lines">
          <thead>
            <tr>
              <th>#</th>
              <th>Category</th>
              <th>Description</th>
              <th className="num">Amount ({b.currency})</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <LineRow
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
                key={i}
                i={i}
                l={l}
                categories={categories}
                errors={rowErrors.get(i)}
                onChange={(patch) => set(i, patch)}
                onRemove={() => setLines((cur) => cur.filter((_, j) => j !== i))}
              />
            ))}
          </tbody>
        </table>
      </TableWrap>
      <div className="lcs-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            setLines((cur) => [
              ...cur,
              { categoryCode: categories[0]?.code ?? '', description: '', amount: '' },
            ])
          }
        >
          Add line
        </button>
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save lines'}
        </button>
        <button type="button" className="button secondary" onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LineRow(props: {
  i: number;
  l: DraftLine;
  categories: Category[];
  errors: string[] | undefined;
  onChange: (patch: Partial<DraftLine>) => void;
  onRemove: () => void;
}) {
  const { i, l, categories, errors, onChange, onRemove } = props;
  return (
    <>
      <tr>
        <td>{i + 1}</td>
        <td>
          <select
            aria-label={`Line ${i + 1} category`}
            value={l.categoryCode}
            onChange={(e) => onChange({ categoryCode: e.target.value })}
          >
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </td>
        <td>
          <input
            aria-label={`Line ${i + 1} description`}
            value={l.description}
            onChange={(e) => onChange({ description: e.target.value })}
            aria-invalid={errors ? true : undefined}
          />
        </td>
        <td>
          <input
            aria-label={`Line ${i + 1} amount`}
            inputMode="decimal"
            value={l.amount}
            onChange={(e) => onChange({ amount: e.target.value })}
          />
        </td>
        <td>
          <button
            type="button"
            className="button secondary"
            onClick={onRemove}
            aria-label={`Remove line ${i + 1}`}
          >
            ×
          </button>
        </td>
      </tr>
      {errors ? (
        <tr className="lcs-line-error">
          <td />
          <td colSpan={4} role="alert">
            Line {i + 1}: {errors.join('; ')}
          </td>
        </tr>
      ) : null}
    </>
  );
}
