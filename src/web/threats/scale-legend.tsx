import { LEVEL_COLORS, LEVEL_NAMES, LEVELS } from './levels';

/** Colour used on the map for areas without a published assessment (not a level). */
export const NO_DATA_COLOR = '#d9dde3';

/** The six-step scale with numbers and names (the map's key), plus "no assessment". */
export function ScaleLegend({ title, noData = true }: { title: string; noData?: boolean }) {
  return (
    <section className="map-legend scale" aria-label="Map legend" data-testid="scale-legend">
      <h2>{title}</h2>
      <ul className="scale-legend">
        {[...LEVELS].reverse().map((l) => (
          <li key={l}>
            <span className="swatch" style={{ backgroundColor: LEVEL_COLORS[l].fill }} aria-hidden="true" />
            <span>
              {l} {LEVEL_NAMES[l]}
            </span>
          </li>
        ))}
        {noData ? (
          <li>
            <span className="swatch" style={{ backgroundColor: NO_DATA_COLOR }} aria-hidden="true" />
            <span>No published assessment</span>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
