import type { Command } from 'commander';
import type { CliContext } from '../context';

const EXIT_CODES = `
Exit codes: 0 when the import ran (even if some rows were rejected), 1 when it could not run
(unreadable file, database unreachable), 2 when every row of the file was rejected.`;

/** `smin people import FILE`: the same checks, scope and audit as POST /api/people/import. */
export function peopleCommand(program: Command, context: CliContext): void {
  const people = program.command('people').description('personal security profiles');
  people
    .command('import')
    .description('import an HR staff list (CSV or XLSX)')
    .argument('<file>', 'a .csv or .xlsx file with a header row (an HXL hashtag row under it is skipped)')
    .option('--organization <code>', 'organization of rows that name none')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Columns: organization, external_id, kind (personnel|dependant), sponsor_external_id, given_name,
family_name, sex, birth_date, nationality, email, phone, contract_type, recruitment
(international|local), duty_station, residence_area, status (active|separated).
People are matched by (organization, external_id): new ones created, changed ones updated,
identical ones unchanged. Warnings (no e-mail, unknown duty station, bad sex value...) keep the
person; rejections (no id or name, unknown organization, dependant without sponsor, duplicate in
the file...) are listed with line and column.${EXIT_CODES}`,
    )
    .action(async (file: string, opts: { organization?: string; json?: boolean }) =>
      (await import('../actions/people.action')).importPeopleAction(context, file, opts),
    );
}

/** `smin training import FILE`: a learning platform's completions. */
export function trainingCommand(program: Command, context: CliContext): void {
  const training = program.command('training').description('training certificates (BSAFE, SSAFE, ...)');
  training
    .command('import')
    .description("import a learning platform's completions (CSV or XLSX)")
    .argument('<file>', 'columns: email or external_id (+ organization), course, completed_on[, certificate]')
    .option('--organization <code>', 'organization of rows with an external_id and no organization')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Expiry comes from the course's validity when recorded. Unknown people, unknown courses and bad or
future dates are listed with line and column; the same completion imported again is unchanged.${EXIT_CODES}`,
    )
    .action(async (file: string, opts: { organization?: string; json?: boolean }) =>
      (await import('../actions/people.action')).importTrainingAction(context, file, opts),
    );
}
