import { activeUserByUsername, findRollCall } from '../../modules/rollcall/rollcall.repository';
import { startRollCall as startSchema } from '../../modules/rollcall/rollcall.schema';
import { rollCallBoard, startRollCall } from '../../modules/rollcall/rollcall.service';
import { CLI_ACTOR } from '../actor';
import { type CliContext, say } from '../context';
import { configOf, withDatabase } from '../database';
import { CliError } from '../errors';

function checkFormat(format: string | undefined) {
  if (format !== 'text' && format !== 'json')
    throw new CliError(`unknown format ${String(format)}: text or json`);
}

/** `smin rollcall start`: the API's body schema checks the options; the CLI acts as the system. */
export async function startAction(context: CliContext, opts: Record<string, string | undefined>) {
  checkFormat(opts.format);
  const escalate = Number(opts.escalateAfter);
  const parsed = startSchema.safeParse({
    area: opts.area,
    zone: opts.zone,
    title: opts.title,
    guidance: opts.guidance,
    escalateAfterMinutes: Number.isInteger(escalate) ? escalate : opts.escalateAfter,
  });
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues
        .map(
          (i) =>
            `--${String(i.path[0] ?? 'options').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
        )
        .join('; '),
    );
  const config = configOf(context);
  const started = await withDatabase(config, { create: false }, async ({ db }) => {
    let startedBy: { id: string; label: string } | undefined;
    if (opts.by) {
      const user = await activeUserByUsername(db, opts.by);
      if (!user) throw new CliError(`--by: no active user ${opts.by}`);
      startedBy = { id: user.id, label: user.display_name };
    }
    return startRollCall(db, CLI_ACTOR, parsed.data, { publicUrl: config.publicUrl, startedBy });
  });
  if (opts.format === 'json') return say(JSON.stringify(started, null, 2));
  say(
    `${started.reference} started: ${started.people} people, ${started.contacts} contacts asked` +
      (started.unreachable
        ? ` (${started.unreachable} without e-mail or phone: escalated to wardens first)`
        : ''),
  );
  say(
    `follow it: smin rollcall status ${started.reference}   or ${config.publicUrl}/rollcalls/${started.id}`,
  );
}

export async function statusAction(context: CliContext, reference: string, opts: { format: string }) {
  checkFormat(opts.format);
  const board = await withDatabase(configOf(context), { create: false }, async ({ db }) => {
    const rc = await findRollCall(db, reference);
    if (!rc) throw new CliError(`no roll call ${reference}`);
    return rollCallBoard(db, CLI_ACTOR.principal, rc.id, { limit: 1000 });
  });
  if (opts.format === 'json') return say(JSON.stringify(board, null, 2));
  const r = board.rollCall;
  const t = board.totals;
  say(`${r.reference} ${r.title} (${r.status}, started ${r.startedAt} by ${r.startedBy})`);
  say(
    `accounted for: ${t.accountedPercent} % of ${t.total}: ${t.safe} safe, ${t.needHelp} need help, ${t.pending} not yet`,
  );
  const width = Math.max(12, ...board.byOrganization.map((o) => o.organization.length));
  for (const o of board.byOrganization)
    say(
      `  ${o.organization.padEnd(width)} ${String(o.accountedPercent).padStart(5)} %  ${o.pending} not yet of ${o.total}`,
    );
  for (const z of board.byZone)
    say(
      `  zone ${(z.zone ?? '(none)').padEnd(width - 5)} ${String(z.accountedPercent).padStart(5)} %  ${z.pending} not yet of ${z.total}`,
    );
  if (board.needHelp.length) {
    say('need help:');
    for (const p of board.needHelp)
      say(
        `  ${p.name} (${p.organization})${p.note ? `: ${p.note}` : ''}${p.contact?.phone ? `, call ${p.contact.phone}` : ''}`,
      );
  }
}
