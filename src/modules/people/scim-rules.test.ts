import { describe, expect, it } from 'vitest';
import { ScimError } from './scim-errors';
import { parseScimFilter } from './scim-filter';
import { ENTERPRISE, PERSON_EXT } from './scim-map';
import { applyPatch, parsePath } from './scim-patch';

const scimTypeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ScimError ? e.scimType : 'not a ScimError';
  }
  return 'no error';
};

describe('parseScimFilter', () => {
  it('reads eq comparisons joined by and, case-insensitively, with escapes', () => {
    expect(parseScimFilter('userName Eq "a\\"b" AND active eq FALSE and emails.value eq "x@y.org"')).toEqual({
      userName: ['a"b'],
      active: false,
      email: ['x@y.org'],
    });
    expect(parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:externalId eq "E-1"')).toEqual({
      externalId: ['E-1'],
    });
    expect(parseScimFilter('active eq true and active eq false').matchesNothing).toBe(true);
  });
  it('refuses everything else as invalidFilter', () => {
    for (const f of [
      '',
      'userName',
      'userName eq',
      'userName co "a"',
      'a eq "b" or c eq "d"',
      'not (active eq true)',
      'emails[type eq "work"]',
      'userName eq "x',
      'active eq 1',
      'externalId eq 5',
      'userName eq "a" and',
    ])
      expect(
        scimTypeOf(() => parseScimFilter(f)),
        f,
      ).toBe('invalidFilter');
  });
});

describe('applyPatch', () => {
  const user = {
    externalId: 'E-1',
    name: { givenName: 'A', familyName: 'B' },
    emails: [{ value: 'a@x.org', type: 'work', primary: true }],
    active: true,
    [ENTERPRISE]: { employeeNumber: 'E-1', organization: 'ORGA' },
    [PERSON_EXT]: { recruitment: 'local' },
  };
  it('applies path and no-path operations without touching the input', () => {
    const out = applyPatch(user, [
      { op: 'replace', path: 'NAME.givenName', value: 'C' },
      { op: 'add', path: 'emails', value: [{ value: 'c@x.org', primary: true }] },
      { op: 'remove', path: 'emails[value eq "a@x.org"]' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1' },
      { op: 'replace', value: { active: false, [`${PERSON_EXT}:dutyStation`]: 'KBL', id: 'ignored' } },
      { op: 'replace', path: ENTERPRISE, value: { organization: 'ORGA' } },
    ]);
    expect(out).toMatchObject({
      name: { givenName: 'C', familyName: 'B' },
      emails: [{ value: 'c@x.org', primary: true }],
      phoneNumbers: [{ type: 'mobile', value: '+1' }],
      active: false,
      [PERSON_EXT]: { recruitment: 'local', dutyStation: 'KBL' },
    });
    expect(user.name.givenName).toBe('A');
  });
  it('names what is wrong', () => {
    expect(scimTypeOf(() => applyPatch(user, [{ op: 'remove' }]))).toBe('noTarget');
    expect(scimTypeOf(() => applyPatch(user, [{ op: 'move', path: 'active' }]))).toBe('invalidValue');
    expect(scimTypeOf(() => applyPatch(user, [{ op: 'replace', path: 'meta.version', value: 1 }]))).toBe(
      'mutability',
    );
    expect(scimTypeOf(() => applyPatch(user, [{ op: 'remove', path: 'emails[type eq "home"]' }]))).toBe(
      'noTarget',
    );
    expect(scimTypeOf(() => parsePath('nickName'))).toBe('invalidPath');
    expect(scimTypeOf(() => parsePath('active[type eq "x"]'))).toBe('invalidPath');
  });
});
