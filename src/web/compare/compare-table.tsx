import { useState } from 'react';
import { CATEGORIES, type Category, type CompareRow } from '../api/threat-types';
import { LevelBadge } from '../threats/level-strip';
import { CATEGORY_LABELS, formatDay, levelName } from '../threats/levels';
import { TableWrap } from '../ui/page';

type SortKey = 'server' | 'area' | 'country' | 'highest' | 'effective' | Category;
type Sort = { key: SortKey; desc: boolean };

const value = (r: CompareRow, key: SortKey): string | number => {
  if (key === 'area') return r.areaName;
  if (key === 'country') return r.countryName;
  if (key === 'highest') return r.highest.level;
  if (key === 'effective') return r.effectiveDate;
  if (key === 'server') return 0;
  return r.byCategory[key];
};

function sorted(rows: CompareRow[], sort: Sort): CompareRow[] {
  if (sort.key === 'server') return rows;
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    // Ties keep the server's order (highest first), so equal levels stay grouped sensibly.
    return c * dir;
  });
}

/**
 * Every area's current levels side by side. The highest comes first in each row (its own column,
 * emphasised), then the four categories; the server's order (highest first) until a column
 * header is clicked.
 */
export function CompareTable({ rows }: { rows: CompareRow[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'server', desc: true });
  const shown = sorted(rows, sort);

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        className={numeric ? 'num' : undefined}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, desc: active ? !sort.desc : numeric })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.desc ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <TableWrap label="Security levels by area">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            {header('area', 'Area')}
            {header('country', 'Country')}
            {header('highest', 'Highest', true)}
            {CATEGORIES.map((c) => header(c, CATEGORY_LABELS[c], true))}
            {header('effective', 'Effective')}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.areaId} data-area={r.areaCode}>
              <td>
                <strong>{r.areaName}</strong> <span className="muted small nowrap">{r.areaCode}</span>
              </td>
              <td>
                {r.countryName} <span className="muted small">{r.region}</span>
              </td>
              <td className="num" data-highest="true">
                <LevelBadge level={r.highest.level} name={r.highest.name} strong />
                <div className="small">{r.highest.categories.map((c) => CATEGORY_LABELS[c]).join(', ')}</div>
              </td>
              {CATEGORIES.map((c) => {
                const level = r.byCategory[c];
                const top = level === r.highest.level;
                return (
                  <td key={c} className="num">
                    <LevelBadge level={level} name={levelName(level)} strong={top} />
                  </td>
                );
              })}
              <td className="nowrap">{formatDay(r.effectiveDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="table-foot">{shown.length} areas with a published assessment</p>
    </TableWrap>
  );
}
