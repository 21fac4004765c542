import '../threats/levels.css';
import '../threats/screens.css';
import { useEffect, useState } from 'react';
import type { Assessment } from '../api/threat-types';
import { useCan } from '../auth/session';
import { navigate, useLocation } from '../router/router';
import { PageHeader } from '../ui/page';
import { Empty } from '../ui/states';
import { AreaPicker, useGrantCountries } from './area-picker';
import { AssessmentEditor } from './assessment-editor';
import { AssessmentHistory } from './assessment-history';
import { HazardsPanel } from './hazards-panel';

type Tab = 'levels' | 'hazards';

/** Replaces several query parameters at once (choosing a country clears the area). */
function setParams(patch: Record<string, string | undefined>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v) params.set(k, v);
    else params.delete(k);
  }
  const qs = params.toString();
  navigate(`/assessments${qs ? `?${qs}` : ''}`, { replace: true });
}

/**
 * Threat assessments of one area, for security professionals: the version history of its four
 * security levels, and, on their own tab, its hazard assessments (never mixed into the levels).
 */
export default function AssessmentsScreen() {
  const { search } = useLocation();
  const can = useCan();
  const own = useGrantCountries();
  const country = search.get('country') ?? '';
  const area = search.get('area') ?? '';
  const tab: Tab = search.get('tab') === 'hazards' ? 'hazards' : 'levels';
  const [creating, setCreating] = useState<{ from?: Assessment } | null>(null);

  // Someone assessing one country lands on it without choosing.
  useEffect(() => {
    if (!country && own?.length === 1) setParams({ country: own[0] });
  }, [country, own]);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'levels', label: 'Security levels' },
    { id: 'hazards', label: 'Hazards' },
  ];

  return (
    <>
      <PageHeader
        title="Threat assessments"
        description="Armed conflict, terrorism, crime and civil unrest per area, from the intent, capability and inhibiting context of threat actors."
      />
      <AreaPicker
        country={country}
        area={area}
        onCountry={(c) => setParams({ country: c, area: undefined })}
        onArea={(a) => {
          setCreating(null);
          setParams({ area: a });
        }}
      />
      {!area ? (
        <Empty>Choose a country and an area to see its assessments.</Empty>
      ) : (
        <>
          <div className="tabs" role="tablist" aria-label="Assessment kind">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setParams({ tab: t.id === 'levels' ? undefined : t.id })}
                onKeyDown={(e) => {
                  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes to the panel.
                  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                  const next =
                    tabs[(tabs.indexOf(t) + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
                  if (!next) return;
                  setParams({ tab: next.id === 'levels' ? undefined : next.id });
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'hazards' ? (
              <HazardsPanel key={area} areaCode={area} />
            ) : creating ? (
              <AssessmentEditor
                mode={{ kind: 'create', areaCode: area, from: creating.from }}
                onCancel={() => setCreating(null)}
                onSaved={(saved) => navigate(`/assessments/${saved.id}`)}
              />
            ) : (
              <AssessmentHistory
                key={area}
                areaCode={area}
                onNew={can('threat.write') ? (from) => setCreating({ from }) : undefined}
              />
            )}
          </div>
        </>
      )}
    </>
  );
}
