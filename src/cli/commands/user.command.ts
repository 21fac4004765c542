import type { Command } from 'commander';
import { ROLES } from '../../server/access/rules';
import type { CliContext } from '../context';

/** Options of `smin user create`. */
export interface CreateUserOptions {
  username: string;
  name: string;
  email?: string;
  organization?: string;
  role?: string[];
  scope?: string[];
  grant?: string[];
  passwordStdin?: boolean;
}

/** Repeatable options; no default value, so that help does not print "(default: [])". */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** `smin user create`: an account with its grants, e.g. the first administrator of a new install. */
export function userCommand(program: Command, context: CliContext): void {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a local user account with role grants')
    .requiredOption('--username <username>', 'sign-in name')
    .requiredOption('--name <display>', 'display name')
    .option('--email <email>', 'e-mail address')
    .option('--organization <code>', 'organization the user belongs to (its code)')
    .option('--role <role>', 'a role to grant; repeat, each with a --scope', collect)
    .option('--scope <scope>', 'scope of the --role at the same position', collect)
    .option('--grant <role@scope>', 'a role and scope in one, e.g. auditor@country:KEN; repeatable', collect)
    .option('--password-stdin', 'read the password from stdin instead of generating one')
    .addHelpText(
      'after',
      `
Scopes: global, organization:CODE, country:ISO3 (e.g. country:KEN), area:CODE.
Roles: ${wrap(ROLES.join(', '), 'Roles: ')}.
--role and --scope pair up by position: --role desk_officer --scope country:KEN --role auditor
--scope global. Without --password-stdin a strong password is generated and printed once.

Examples:
  smin user create --username admin --name "Administrator" --grant admin@global
  printf '%s' "$PW" | smin user create --username jdoe --name "Jane Doe" --organization UNDP \\
    --role org_security_focal_point --scope organization:UNDP --password-stdin`,
    )
    .action(async (opts: CreateUserOptions) =>
      (await import('../actions/user.action')).createUserAction(context, opts),
    );
}

/** Wraps a long list to the width of the rest of the help text. */
function wrap(text: string, firstPrefix: string, width = 80): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const limit = width - (lines.length ? 2 : firstPrefix.length);
    if (line && line.length + 1 + word.length > limit) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n  ');
}
