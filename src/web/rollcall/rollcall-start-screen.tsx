import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useAreas, useCountries } from '../api/queries';
import { refreshRollCalls, usePeopleInArea, useStartRollCall, useZones } from '../api/rollcall-queries';
import { useGrantCountries } from '../assessments/area-picker';
import { navigate } from '../router/router';
import { SelectField, TextAreaField, TextField } from '../ui/field';
import { FormProblem, splitProblem } from '../ui/form-errors';
import { PageHeader } from '../ui/page';
import './rollcall.css';

const FIELDS = ['area', 'zone', 'title', 'guidance', 'escalateAfterMinutes'] as const;

/**
 * Starting a roll call: the place (an area, or a warden zone), a title, guidance for the people
 * asked and how long before non-responders are escalated to their wardens; then a confirmation
 * that says how many people will be asked, and only then the messages go out.
 */
export default function RollCallStartScreen() {
  const client = useQueryClient();
  const countries = useCountries();
  const own = useGrantCountries();
  const [by, setBy] = useState<'area' | 'zone'>('area');
  const [country, setCountry] = useState(own?.length === 1 ? (own[0] ?? '') : '');
  const [area, setArea] = useState('');
  const [zone, setZone] = useState('');
  const [title, setTitle] = useState('');
  const [guidance, setGuidance] = useState('');
  const [escalate, setEscalate] = useState('30');
  const [confirming, setConfirming] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const areas = useAreas(country || undefined, Boolean(country) && by === 'area');
  const zones = useZones(by === 'zone' ? country : '');
  const count = usePeopleInArea(area, confirming && by === 'area');
  const start = useStartRollCall();
  const { byField, other } = splitProblem(start.error, FIELDS);
  const errors = { ...byField, ...local };

  const countryOptions = (countries.data ?? [])
    .filter((c) => !own || own.includes(c.code))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));
  const placeName =
    by === 'area'
      ? (areas.data?.find((a) => a.code === area)?.name ?? area)
      : (zones.data?.find((z) => z.code === zone)?.name ?? zone);

  const body = () => ({
    ...(by === 'area' ? { area } : { zone }),
    title: title.trim(),
    guidance: guidance.trim(),
    escalateAfterMinutes: Number(escalate),
  });

  const review = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (by === 'area' && !area) problems.area = 'Choose the area';
    if (by === 'zone' && !zone) problems.zone = 'Choose the warden zone';
    if (title.trim().length < 3) problems.title = 'Give a title of at least 3 characters';
    const minutes = Number(escalate);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10080)
      problems.escalateAfterMinutes = 'A whole number of minutes from 1 to 10080';
    setLocal(problems);
    start.reset();
    if (Object.keys(problems).length === 0) setConfirming(true);
  };

  const confirm = () =>
    start.mutate(body(), {
      onSuccess: (started) => {
        void refreshRollCalls(client);
        const q = new URLSearchParams({
          asked: String(started.people),
          contacts: String(started.contacts),
          unreachable: String(started.unreachable),
        });
        navigate(`/rollcalls/${started.id}?${q}`);
      },
      onError: (error) => {
        if (Object.keys(splitProblem(error, FIELDS).byField).length > 0) setConfirming(false);
      },
    });

  const asked =
    by === 'zone'
      ? `Everyone in warden zone ${placeName} will be asked whether they are safe.`
      : count.isPending
        ? 'Counting who is there now…'
        : count.data
          ? `${count.data.people} ${count.data.people === 1 ? 'person' : 'people'} in ${placeName} will be asked whether they are safe${count.data.dependants > 0 ? ` (including ${count.data.dependants} ${count.data.dependants === 1 ? 'dependant' : 'dependants'}, asked through their sponsors)` : ''}.`
          : `Everyone present in ${placeName} now will be asked whether they are safe.`;

  return (
    <>
      <PageHeader
        title="Start roll call"
        description="Everyone in the place gets a message with a one-tap link (e-mail and SMS) to say whether they are safe."
      />
      {confirming ? (
        <section className="panel rc-form" aria-labelledby="rc-confirm">
          <h2 id="rc-confirm">Start this roll call?</h2>
          <p>
            <strong>{title.trim()}</strong>
          </p>
          <p data-testid="rollcall-asked" aria-live="polite">
            {asked}
          </p>
          <p className="muted">Non-responders are escalated to their wardens every {escalate} minutes.</p>
          <FormProblem error={start.error} other={other} />
          <div className="form-actions">
            <button type="button" className="button" onClick={confirm} disabled={start.isPending}>
              {start.isPending ? 'Starting…' : 'Start roll call now'}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setConfirming(false)}
              disabled={start.isPending}
            >
              Back
            </button>
          </div>
        </section>
      ) : (
        <form className="panel rc-form" onSubmit={review} noValidate aria-label="Start roll call">
          <FormProblem error={start.error} other={other} />
          <fieldset className="rc-fieldset">
            <legend>Who is asked</legend>
            <div className="rc-actions">
              <label className="rc-check">
                <input type="radio" name="by" checked={by === 'area'} onChange={() => setBy('area')} />
                Everyone in an area
              </label>
              <label className="rc-check">
                <input type="radio" name="by" checked={by === 'zone'} onChange={() => setBy('zone')} />A
                warden zone
              </label>
            </div>
            <div className="form-grid">
              <SelectField
                label="Country"
                value={country}
                onChange={(c) => {
                  setCountry(c);
                  setArea('');
                  setZone('');
                }}
                options={countryOptions}
                placeholder={countries.isPending ? 'Loading countries…' : 'Choose a country'}
              />
              {by === 'area' ? (
                <SelectField
                  label="Area"
                  value={area}
                  onChange={setArea}
                  disabled={!country}
                  error={errors.area}
                  required
                  options={(areas.data ?? []).map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))}
                  placeholder={country && areas.isPending ? 'Loading areas…' : 'Choose an area'}
                />
              ) : (
                <SelectField
                  label="Warden zone"
                  value={zone}
                  onChange={setZone}
                  disabled={!country}
                  error={errors.zone ?? (zones.isError ? 'Could not load the warden zones' : undefined)}
                  required
                  options={(zones.data ?? []).map((z) => ({ value: z.code, label: `${z.name} (${z.code})` }))}
                  placeholder={country && zones.isPending ? 'Loading zones…' : 'Choose a warden zone'}
                />
              )}
            </div>
          </fieldset>
          <div className="form-grid">
            <TextField
              label="Title"
              value={title}
              onChange={setTitle}
              error={errors.title}
              required
              maxLength={200}
            />
            <TextField
              label="Escalate after (minutes)"
              type="number"
              inputMode="numeric"
              min={1}
              max={10080}
              value={escalate}
              onChange={setEscalate}
              error={errors.escalateAfterMinutes}
              hint="Who has not answered by then is passed to their warden, and again each period."
            />
          </div>
          <TextAreaField
            label="Guidance"
            value={guidance}
            onChange={setGuidance}
            error={errors.guidance}
            hint="Shown to everyone asked, e.g. “Stay indoors, away from windows.”"
            rows={3}
          />
          <div className="form-actions">
            <button type="submit" className="button">
              Continue
            </button>
          </div>
        </form>
      )}
    </>
  );
}
