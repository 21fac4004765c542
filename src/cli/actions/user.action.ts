import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables';
import { areaByCode, getCountry } from '../../modules/registry/geography.service';
import { organizationByCode } from '../../modules/registry/organizations.service';
import { createUser as createUserInput } from '../../modules/users/users.schema';
import { addGrant, createUser } from '../../modules/users/users.service';
import { CLI_ACTOR } from '../actor';
import type { CreateUserOptions } from '../commands/user.command';
import { type CliContext, say, warn } from '../context';
import { configOf, withDatabase } from '../database';
import { describeError } from '../describe-error';
import { CliError } from '../errors';
import { collectGrants, describeGrant, type GrantSpec } from '../grants';

/**
 * Creates the account, prints the generated password once, then adds the grants. The scopes are
 * checked first, so that a typo does not leave an account behind without its grants.
 */
export async function createUserAction(context: CliContext, opts: CreateUserOptions): Promise<void> {
  const grants = collectGrants(opts.role ?? [], opts.scope ?? [], opts.grant ?? []);
  const generated = !opts.passwordStdin;
  const password = generated ? randomBytes(18).toString('base64url') : await readPassword();
  const parsed = createUserInput.safeParse({
    username: opts.username,
    displayName: opts.name,
    email: opts.email ?? null,
    organizationCode: opts.organization ?? null,
    password,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${optionName(String(i.path[0] ?? ''))}: ${i.message}`);
    throw new CliError(`the user cannot be created:\n${lines.join('\n')}`);
  }
  const config = configOf(context);
  await withDatabase(config, { create: false }, async ({ db }) => {
    await checkScopesExist(db, grants);
    const created = await createUser(db, CLI_ACTOR, parsed.data);
    say(`Created user ${created.username} (${created.displayName}), id ${created.id}`);
    if (generated) say(`Password (shown only now; store it safely): ${password}`);
    const failed: string[] = [];
    for (const g of grants) {
      try {
        await addGrant(db, CLI_ACTOR, created.id, {
          role: g.role,
          scopeType: g.scopeType,
          scopeId: g.scopeCode,
        });
        say(`  granted ${describeGrant(g)}`);
      } catch (error) {
        failed.push(`  ${describeGrant(g)}: ${describeError(error) ?? String(error)}`);
      }
    }
    if (failed.length) {
      warn(`The user exists, but these grants failed:\n${failed.join('\n')}`);
      throw new CliError(`user ${created.username} was created without all of its grants`);
    }
    if (!grants.length) say('  no grants: the user can sign in but see nothing until granted a role');
  });
}

async function checkScopesExist(db: Kysely<DB>, grants: GrantSpec[]): Promise<void> {
  const missing: string[] = [];
  for (const g of grants) {
    const code = g.scopeCode;
    if (code === null) continue;
    const found =
      g.scopeType === 'organization'
        ? await organizationByCode(db, code)
        : g.scopeType === 'area'
          ? await areaByCode(db, code)
          : await getCountry(db, code).catch(() => null);
    if (!found) missing.push(`  no ${g.scopeType} ${code} (in ${describeGrant(g)})`);
  }
  if (missing.length) throw new CliError(`no user was created:\n${missing.join('\n')}`);
}

/** The whole of stdin, less the one line break that `echo` or a here-string adds. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) warn('Type the password, then Enter and Ctrl-D (it is shown as you type):');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw new CliError('--password-stdin: stdin was empty');
  return text;
}

const OPTION_NAMES: Record<string, string> = {
  username: '--username',
  displayName: '--name',
  email: '--email',
  organizationCode: '--organization',
  password: 'password',
};

function optionName(field: string): string {
  return OPTION_NAMES[field] ?? field;
}
