import { useMemo } from 'react';
import { useAreas, useCountries } from '../api/queries';
import { useMe } from '../auth/session';
import { SelectField } from '../ui/field';

/**
 * The countries to offer: those of the user's country grants, unless a global or area grant
 * means we cannot narrow them down. Only a convenience: the server decides what each may read.
 */
export function useGrantCountries(): string[] | null {
  const me = useMe();
  return useMemo(() => {
    if (me.grants.some((g) => g.scopeType === 'global' || g.scopeType === 'area')) return null;
    const codes = me.grants.filter((g) => g.scopeType === 'country' && g.scopeId).map((g) => g.scopeId ?? '');
    return codes.length > 0 ? [...new Set(codes)] : null;
  }, [me.grants]);
}

/** Country and area selects for the assessment screens; the choice lives in the URL. */
export function AreaPicker({
  country,
  area,
  onCountry,
  onArea,
}: {
  country: string;
  area: string;
  onCountry: (code: string) => void;
  onArea: (code: string) => void;
}) {
  const countries = useCountries();
  const own = useGrantCountries();
  const areas = useAreas(country || undefined, Boolean(country));
  const options = (countries.data ?? [])
    .filter((c) => c.areaCount > 0 && (!own || own.includes(c.code)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));

  return (
    <div className="toolbar">
      <SelectField
        label="Country"
        value={country}
        onChange={onCountry}
        options={options}
        placeholder={countries.isPending ? 'Loading countries…' : 'Choose a country'}
      />
      <SelectField
        label="Area"
        value={area}
        onChange={onArea}
        disabled={!country}
        options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
        placeholder={country && areas.isPending ? 'Loading areas…' : 'Choose an area'}
      />
    </div>
  );
}
