/**
 * The part of SCIM filtering (RFC 7644 §3.4.2.2) that identity systems use to find a user before
 * creating it: `attr eq value` comparisons joined by `and`. Pure. Anything else (or, not, other
 * operators, other attributes) is refused as invalidFilter rather than half-understood: a filter
 * read wrongly would make a client believe a user is absent and create a duplicate.
 */
import { invalidFilter } from './scim-errors';

export interface ScimFilter {
  userName?: string[];
  externalId?: string[];
  email?: string[];
  active?: boolean;
  /** Two comparisons no user can meet at once (`active eq true and active eq false`). */
  matchesNothing?: true;
}

const ATTRIBUTES: Record<string, keyof ScimFilter> = {
  username: 'userName',
  externalid: 'externalId',
  'emails.value': 'email',
  emails: 'email',
  active: 'active',
};
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:user:';

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string };

function tokenize(filter: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= filter.length) throw invalidFilter('filter: unterminated string');
        const ch = filter[i]!;
        if (ch === '\\') {
          const next = filter[i + 1];
          if (next === undefined) throw invalidFilter('filter: unterminated string');
          s += next;
          i += 2;
        } else if (ch === '"') {
          i++;
          break;
        } else {
          s += ch;
          i++;
        }
      }
      out.push({ kind: 'string', text: s });
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      throw invalidFilter('filter: grouping and value filters are not supported; use eq joined by and');
    } else {
      let w = '';
      while (i < filter.length && !/[\s"()[\]]/.test(filter[i]!)) w += filter[i++];
      out.push({ kind: 'word', text: w });
    }
  }
  return out;
}

/** Parses a filter; throws a 400 invalidFilter naming what is not supported. */
export function parseScimFilter(filter: string): ScimFilter {
  const tokens = tokenize(filter);
  if (tokens.length === 0) throw invalidFilter('filter: empty');
  const out: ScimFilter = {};
  let i = 0;
  for (;;) {
    const [attr, op, value] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!attr || !op || !value || attr.kind !== 'word' || op.kind !== 'word')
      throw invalidFilter('filter: expected attribute eq value');
    let name = attr.text.toLowerCase();
    if (name.startsWith(CORE)) name = name.slice(CORE.length);
    const key = ATTRIBUTES[name];
    if (!key)
      throw invalidFilter(
        `filter: attribute "${attr.text}" is not filterable (userName, externalId, emails.value, active)`,
      );
    if (op.text.toLowerCase() !== 'eq')
      throw invalidFilter(`filter: operator "${op.text}" is not supported (eq)`);
    if (key === 'active') {
      const v = value.kind === 'word' ? value.text.toLowerCase() : '';
      if (v !== 'true' && v !== 'false') throw invalidFilter('filter: active compares with true or false');
      const b = v === 'true';
      if (out.active !== undefined && out.active !== b) out.matchesNothing = true;
      out.active = b;
    } else {
      if (value.kind !== 'string') throw invalidFilter(`filter: ${attr.text} compares with a quoted string`);
      const k = key as 'userName' | 'externalId' | 'email';
      out[k] = [...(out[k] ?? []), value.text];
    }
    i += 3;
    if (i === tokens.length) return out;
    const join = tokens[i]!;
    if (join.kind !== 'word' || join.text.toLowerCase() !== 'and')
      throw invalidFilter(`filter: "${join.text}" is not supported; comparisons join with and`);
    i++;
  }
}
