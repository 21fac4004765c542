import './incidents.css';
import { navigate } from '../router/router';
import { PageHeader } from '../ui/page';
import { IncidentForm } from './incident-form';
import { IncidentsNav } from './incidents-nav';

/** Record an incident on the standard form; on success, its page. */
export default function IncidentNewScreen() {
  return (
    <div className="incident-new">
      <PageHeader
        title="Record an incident"
        description="The event first, then its impacts. Only the date, country, category and title are required; add what you know and correct it later."
      />
      <IncidentsNav />
      <IncidentForm
        mode={{ kind: 'create' }}
        onSaved={(saved) => navigate(`/incidents/${saved.id}?recorded=1`)}
        onCancel={() => window.history.back()}
      />
    </div>
  );
}
