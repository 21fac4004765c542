import type { Ranked } from '../api/threat-types';
import { CATEGORY_LABELS, highestText, levelDescriptor, levelStyle } from './levels';

/**
 * The full level list of an advisory or assessment: the highest stated in words first, then the
 * four categories in the server's order (highest first) with number, name and descriptor. The
 * highest rows are marked (data-highest, a "Highest" tag and a heavier frame), never averaged
 * into one figure: the 2011 aggregate hid the highest threat (DOMAIN.md §3).
 */
export function LevelList({ ranked, heading = 'Security levels' }: { ranked: Ranked; heading?: string }) {
  const top = ranked.highest;
  return (
    <section className="level-section" aria-labelledby="level-heading">
      <h2 id="level-heading">{heading}</h2>
      <p className="highest-line" data-testid="highest-line">
        <span className="highest-label">Highest:</span> {highestText(top)}
      </p>
      <ol className="level-list" aria-label="Levels by category, highest first">
        {ranked.levels.map((l) => {
          const isHighest = l.level === top.level && top.categories.includes(l.category);
          return (
            <li
              key={l.category}
              className={`level-row${isHighest ? ' is-highest' : ''}`}
              data-category={l.category}
              data-level={l.level}
              data-highest={isHighest ? 'true' : 'false'}
            >
              <span className="level-number" style={levelStyle(l.level)} aria-hidden="true">
                {l.level}
              </span>
              <span className="level-text">
                <span className="level-category">{CATEGORY_LABELS[l.category]}</span>
                <span className="level-name">
                  <span className="sr-only">level </span>
                  {l.level} {l.name}
                  <span className="level-descriptor"> · {levelDescriptor(l.level)}</span>
                </span>
              </span>
              {isHighest ? <span className="highest-tag">Highest</span> : null}
              <LevelMeter level={l.level} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Six segments, the first `level` filled: the level's size at a glance (decorative). */
function LevelMeter({ level }: { level: number }) {
  return (
    <span className="level-meter" aria-hidden="true">
      {[1, 2, 3, 4, 5, 6].map((i) => (
        <span key={i} className={i <= level ? 'on' : ''} />
      ))}
    </span>
  );
}
