import { ROLE_SCOPES, ROLES, type Role, SCOPE_TYPES, type ScopeType } from '../server/access/rules';
import { CliError } from './errors';

/** A grant as typed on the command line: the scope is a code (organization, area) or ISO3. */
export interface GrantSpec {
  role: Role;
  scopeType: ScopeType;
  /** Organization code, ISO 3166 alpha-3 country code or area code; null for global. */
  scopeCode: string | null;
}

/** `global`, `organization:CODE`, `country:ISO3` or `area:CODE`. */
export function parseScope(text: string): Pick<GrantSpec, 'scopeType' | 'scopeCode'> {
  const [type = '', ...rest] = text.trim().split(':');
  const code = rest.join(':').trim();
  if (!(SCOPE_TYPES as readonly string[]).includes(type)) {
    throw new CliError(`scope "${text}": expected global, organization:CODE, country:ISO3 or area:CODE`);
  }
  const scopeType = type as ScopeType;
  if (scopeType === 'global') {
    if (code) throw new CliError(`scope "${text}": a global scope has no code`);
    return { scopeType, scopeCode: null };
  }
  if (!code)
    throw new CliError(`scope "${text}": ${scopeType} needs a code, e.g. ${scopeType}:${example(scopeType)}`);
  if (scopeType === 'country' && !/^[A-Za-z]{3}$/.test(code)) {
    throw new CliError(`scope "${text}": a country is its ISO 3166-1 alpha-3 code, e.g. country:KEN`);
  }
  return { scopeType, scopeCode: scopeType === 'country' ? code.toUpperCase() : code };
}

/** Checks the role name and that the role may be held over that kind of scope. */
export function makeGrant(role: string, scope: string): GrantSpec {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new CliError(`unknown role "${role}"; roles: ${ROLES.join(', ')}`);
  }
  const r = role as Role;
  const s = parseScope(scope);
  if (!ROLE_SCOPES[r].includes(s.scopeType)) {
    throw new CliError(`${r} is granted over ${ROLE_SCOPES[r].join(' or ')}, not ${s.scopeType}`);
  }
  return { role: r, ...s };
}

/** `ROLE@SCOPE`, the form of the repeatable --grant option. */
export function parseGrantOption(text: string): GrantSpec {
  const at = text.indexOf('@');
  if (at <= 0) throw new CliError(`grant "${text}": expected ROLE@SCOPE, e.g. auditor@country:KEN`);
  return makeGrant(text.slice(0, at).trim(), text.slice(at + 1));
}

/**
 * Pairs repeated --role and --scope options by position (the first role with the first scope…),
 * then adds the --grant ROLE@SCOPE options.
 */
export function collectGrants(roles: string[], scopes: string[], grants: string[]): GrantSpec[] {
  if (roles.length !== scopes.length) {
    throw new CliError(
      `give one --scope for each --role (got ${roles.length} roles and ${scopes.length} scopes)`,
    );
  }
  return [...roles.map((role, i) => makeGrant(role, scopes[i]!)), ...grants.map(parseGrantOption)];
}

/** "auditor over country KEN", for messages. */
export function describeGrant(g: GrantSpec): string {
  return `${g.role} over ${g.scopeCode ? `${g.scopeType} ${g.scopeCode}` : 'everything (global)'}`;
}

function example(type: ScopeType): string {
  return type === 'organization' ? 'UNDP' : type === 'country' ? 'KEN' : 'KEN-01';
}
