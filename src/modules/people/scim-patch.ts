/**
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a user's SCIM representation, pure. The result is then
 * validated and written exactly like a PUT, so a patch can never produce a profile a replace
 * could not. Supported: add, replace and remove, with a path (`active`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:User:employeeNumber`) or without one (a value object
 * whose keys are attributes or paths, as Entra ID and Okta send).
 */
import { invalidPath, invalidValue, mutability, noTarget } from './scim-errors';
import { CORE_USER, ENTERPRISE, PERSON_EXT } from './scim-map';

type Json = Record<string, unknown>;
export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

// `title` is accepted and not stored (profiles have no job title yet): Entra ID sends it by default,
// and refusing it would stop every user's provisioning. /Schemas does not list it.
const TOP: Record<string, string> = Object.fromEntries(
  ['externalId', 'userName', 'name', 'displayName', 'emails', 'phoneNumbers', 'active', 'title'].map((a) => [
    a.toLowerCase(),
    a,
  ]),
);
const MULTI = new Set(['emails', 'phoneNumbers']);
const READ_ONLY = new Set(['id', 'meta', 'schemas']);
const EXTENSIONS = [ENTERPRISE, PERSON_EXT];

interface Target {
  /** The extension URN, or null for the core schema. */
  ext: string | null;
  attr: string;
  filter?: { attr: string; value: string };
  sub?: string;
}

/** `urn:…:employeeNumber`, `name.givenName`, `emails[type eq "work"].value`. */
export function parsePath(path: string): Target {
  let rest = path.trim();
  let ext: string | null = null;
  const lower = rest.toLowerCase();
  for (const urn of [CORE_USER, ...EXTENSIONS]) {
    if (lower === urn.toLowerCase()) {
      if (urn === CORE_USER) throw invalidPath(`path: "${path}" names no attribute`);
      return { ext: null, attr: urn };
    }
    if (lower.startsWith(`${urn.toLowerCase()}:`)) {
      ext = urn === CORE_USER ? null : urn;
      rest = rest.slice(urn.length + 1);
    }
  }
  const m = rest.match(
    /^([A-Za-z][\w$-]*)(?:\[\s*([A-Za-z][\w$-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*\])?(?:\.([A-Za-z][\w$-]*))?$/i,
  );
  if (!m) throw invalidPath(`path: "${path}" is not a supported attribute path`);
  const [, a, fAttr, fValue, sub] = m;
  if (READ_ONLY.has(a!.toLowerCase())) throw mutability(`${a}: read-only`);
  const attr = ext ? a! : (TOP[a!.toLowerCase()] ?? a!);
  if (!ext && !TOP[attr.toLowerCase()]) throw invalidPath(`path: unknown attribute "${a}"`);
  const filter = fAttr
    ? {
        attr: fAttr,
        value: fValue!.startsWith('"') ? (JSON.parse(fValue!) as string) : fValue!.toLowerCase(),
      }
    : undefined;
  if (filter && !MULTI.has(attr)) throw invalidPath(`path: ${attr} is not multi-valued`);
  return { ext, attr, ...(filter ? { filter } : {}), ...(sub ? { sub } : {}) };
}

const matches = (item: unknown, f: NonNullable<Target['filter']>) => {
  const v = (item as Json)[f.attr];
  return String(v).toLowerCase() === f.value.toLowerCase();
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function applyOne(res: Json, op: 'add' | 'replace' | 'remove', t: Target, value: unknown) {
  if (EXTENSIONS.includes(t.attr) && !t.ext) {
    // The whole extension object: its attributes one by one.
    if (op === 'remove') return void delete res[t.attr];
    if (!isObject(value)) throw invalidValue(`${t.attr}: expected an object`);
    for (const [k, v] of Object.entries(value)) applyOne(res, op, { ext: t.attr, attr: k }, v);
    return;
  }
  let container = res;
  if (t.ext) {
    if (!isObject(res[t.ext])) res[t.ext] = {};
    container = res[t.ext] as Json;
  }
  const current = container[t.attr];
  if (MULTI.has(t.attr) && !t.ext) {
    const list = Array.isArray(current) ? [...(current as Json[])] : [];
    if (!t.filter) {
      if (t.sub) throw invalidPath(`path: ${t.attr}.${t.sub} needs a filter such as [type eq "work"]`);
      if (op === 'remove') return void delete container[t.attr];
      const values = (Array.isArray(value) ? value : [value]) as Json[];
      if (!values.every(isObject)) throw invalidValue(`${t.attr}: expected objects with a value`);
      // A new primary value takes over from the old one (RFC 7643 §2.4: at most one primary).
      const kept =
        op === 'add' ? list.map((v) => (values.some((n) => n.primary) ? { ...v, primary: false } : v)) : [];
      container[t.attr] = [...values, ...kept];
      return;
    }
    const hits = list.filter((item) => matches(item, t.filter!));
    if (hits.length === 0) {
      // Entra ID replaces emails[type eq "work"].value on a user that has none: that is an add.
      if (op !== 'remove' && t.filter.attr.toLowerCase() === 'type') {
        const item = t.sub ? { [t.filter.attr]: t.filter.value, [t.sub]: value } : { ...(value as Json) };
        container[t.attr] = [...list, item];
        return;
      }
      throw noTarget(`${t.attr}[${t.filter.attr} eq "${t.filter.value}"]: no such value`);
    }
    container[t.attr] = list.flatMap((item) => {
      if (!hits.includes(item)) return [item];
      if (op === 'remove') {
        if (!t.sub) return [];
        const { [t.sub]: _, ...rest } = item;
        return [rest];
      }
      if (t.sub) return [{ ...item, [t.sub]: value }];
      if (!isObject(value)) throw invalidValue(`${t.attr}: expected an object`);
      return [{ ...item, ...value }];
    });
    return;
  }
  if (t.filter) throw invalidPath(`path: ${t.attr} is not multi-valued`);
  if (t.sub) {
    if (op === 'remove') {
      if (isObject(current)) delete current[t.sub];
      return;
    }
    container[t.attr] = { ...(isObject(current) ? current : {}), [t.sub]: value };
    return;
  }
  if (op === 'remove') return void delete container[t.attr];
  // A complex attribute without a sub-attribute: the given sub-attributes replace their own.
  container[t.attr] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
}

/** Applies a PatchOp's operations to a copy of `resource`; 400 with a scimType on any bad one. */
export function applyPatch(resource: Json, operations: PatchOperation[]): Json {
  const res = structuredClone(resource);
  for (const [i, o] of operations.entries()) {
    const op = String(o.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw invalidValue(`Operations[${i}].op: "${o.op}" is not add, replace or remove`);
    if (o.path !== undefined && o.path !== null && o.path !== '') {
      if (typeof o.path !== 'string') throw invalidPath(`Operations[${i}].path: expected a string`);
      if (op !== 'remove' && o.value === undefined) throw invalidValue(`Operations[${i}].value: required`);
      applyOne(res, op, parsePath(o.path), o.value);
      continue;
    }
    if (op === 'remove') throw noTarget(`Operations[${i}]: remove needs a path`);
    if (!isObject(o.value)) throw invalidValue(`Operations[${i}].value: expected an object without a path`);
    for (const [k, v] of Object.entries(o.value)) {
      if (READ_ONLY.has(k)) continue; // Clients echo id, meta and schemas back; they change nothing.
      applyOne(res, op, parsePath(k), v);
    }
  }
  return res;
}
