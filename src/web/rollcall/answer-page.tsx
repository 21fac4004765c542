import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { api, messageOf, ProblemError } from '../api/client';
import type { AnswerPage, AnswerPagePerson, SubmitAnswers } from '../api/rollcall-types';
import { Loading } from '../ui/states';
import { clockTime } from './board-rules';
import './rollcall.css';

type Answer = 'safe' | 'need_help';

const pageKey = (token: string) => ['rollcall', 'answer', token] as const;

/** The browser's position, or nothing when refused, unavailable or slow (we answer anyway). */
function position(): Promise<{ lat: number; lon: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

function Gone({ title, children }: { title: string; children: string }) {
  return (
    <div className="state state-error" role="alert">
      <h1>{title}</h1>
      <p>{children}</p>
    </div>
  );
}

function Recorded({ person }: { person: AnswerPagePerson }) {
  if (person.answer === 'pending') return null;
  return (
    <p className={`rc-recorded ${person.answer}`} role="status" data-testid="recorded-answer">
      Recorded: {person.answer === 'safe' ? 'safe' : 'needs help'}
      {person.answeredAt ? ` at ${clockTime(person.answeredAt)}` : ''}
    </p>
  );
}

function PersonCard({
  person,
  open,
  busy,
  onAnswer,
}: {
  person: AnswerPagePerson;
  open: boolean;
  busy: boolean;
  onAnswer: (answer: Answer) => void;
}) {
  const headingId = useId();
  return (
    <section className="rc-answer-person" aria-labelledby={headingId}>
      <h2 id={headingId}>{person.self ? `${person.firstName} (you)` : person.firstName}</h2>
      {open ? (
        <div className="rc-big">
          <button type="button" className="button rc-safe" disabled={busy} onClick={() => onAnswer('safe')}>
            {person.self ? 'I’m safe' : `${person.firstName} is safe`}
          </button>
          <button
            type="button"
            className="button rc-help"
            disabled={busy}
            onClick={() => onAnswer('need_help')}
          >
            {person.self ? 'Need help' : `${person.firstName} needs help`}
          </button>
        </div>
      ) : null}
      <Recorded person={person} />
    </section>
  );
}

/**
 * The page a roll-call link opens: no sign-in, no navigation. One tap answers for one person
 * (safe or need help), "All safe" for everyone the link answers for; an optional note and, if
 * the person agrees, their location go with it.
 */
export default function AnswerPageScreen({ token }: { token: string }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [share, setShare] = useState(false);
  const noteId = useId();
  const page = useQuery({
    queryKey: pageKey(token),
    queryFn: ({ signal }) =>
      api.get<AnswerPage>(`/rollcall/answer/${encodeURIComponent(token)}`, undefined, signal),
    retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2,
  });
  const submit = useMutation({
    mutationFn: async (answers: SubmitAnswers['answers']) => {
      const where = share ? await position() : null;
      const body: SubmitAnswers = {
        answers,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(where ?? {}),
      };
      return api.post<AnswerPage>(`/rollcall/answer/${encodeURIComponent(token)}`, body);
    },
    onSuccess: (next) => client.setQueryData(pageKey(token), next),
  });
  useEffect(() => {
    document.title = page.data ? `${page.data.title} · Are you safe?` : 'Are you safe?';
  }, [page.data]);

  if (page.isPending) return <Loading label="Opening…" />;
  if (page.isError) {
    const status = page.error instanceof ProblemError ? page.error.status : 0;
    return (
      <main className="rc-public" id="main">
        {status === 404 || status === 400 ? (
          <Gone title="This link is not known">
            Check that you opened the whole link from the message, or call your security focal point.
          </Gone>
        ) : (
          <Gone title="Could not open the roll call">{messageOf(page.error)}</Gone>
        )}
      </main>
    );
  }
  const data = page.data;
  const closedBySubmit = submit.error instanceof ProblemError && submit.error.status === 409;
  const open = data.open && !closedBySubmit;
  const answer = (answers: SubmitAnswers['answers']) => submit.mutate(answers);

  return (
    <main className="rc-public" id="main">
      <p className="muted">{data.reference} · Roll call</p>
      <h1>{data.title}</h1>
      <p>
        <strong>Place:</strong> {data.place}
      </p>
      {data.guidance ? <p className="guidance">{data.guidance}</p> : null}
      {open ? null : (
        <div className="state state-error" role="alert" data-testid="rollcall-closed">
          <p>
            <strong>This roll call is closed.</strong> Answers are no longer taken here: if you need help,
            call your security focal point.
          </p>
        </div>
      )}
      {open ? <p>Tap for each person: the answer is sent at once.</p> : null}
      {data.people.map((p) => (
        <PersonCard
          key={p.personId}
          person={p}
          open={open}
          busy={submit.isPending}
          onAnswer={(a) => answer([{ personId: p.personId, answer: a }])}
        />
      ))}
      {open && data.people.length > 1 ? (
        <button
          type="button"
          className="button rc-safe rc-all-safe"
          disabled={submit.isPending}
          onClick={() => answer(data.people.map((p) => ({ personId: p.personId, answer: 'safe' as const })))}
        >
          All safe
        </button>
      ) : null}
      {open ? (
        <div className="rc-answer-person">
          <label className="label" htmlFor={noteId}>
            Note (optional)
          </label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: '100%' }}
          />
          <label className="rc-check">
            <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Share my
            location with the answer
          </label>
          <p className="muted">The note and location go with your next tap.</p>
        </div>
      ) : null}
      {submit.isPending ? <Loading label="Sending…" /> : null}
      {submit.isError && !closedBySubmit ? (
        <p className="field-error" role="alert">
          Not sent: {messageOf(submit.error)} Try again, or reply to the SMS.
        </p>
      ) : null}
    </main>
  );
}
