import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors';
import { collectGrants, parseGrantOption, parseScope } from '../../src/cli/grants';

describe('grant options of smin user create', () => {
  it('parses every kind of scope', () => {
    expect(parseScope('global')).toEqual({ scopeType: 'global', scopeCode: null });
    expect(parseScope('organization:UNDP')).toEqual({ scopeType: 'organization', scopeCode: 'UNDP' });
    expect(parseScope('country:ken')).toEqual({ scopeType: 'country', scopeCode: 'KEN' });
    expect(parseScope('area:KEN-01')).toEqual({ scopeType: 'area', scopeCode: 'KEN-01' });
  });

  it.each([
    ['planet:earth', /expected global, organization:CODE/],
    ['global:X', /no code/],
    ['organization:', /needs a code/],
    ['country:KE', /alpha-3/],
  ])('rejects the scope %s', (scope, message) => {
    expect(() => parseScope(scope)).toThrow(message);
  });

  it('pairs --role and --scope by position and adds --grant ROLE@SCOPE', () => {
    expect(collectGrants(['desk_officer', 'auditor'], ['country:KEN', 'global'], ['admin@global'])).toEqual([
      { role: 'desk_officer', scopeType: 'country', scopeCode: 'KEN' },
      { role: 'auditor', scopeType: 'global', scopeCode: null },
      { role: 'admin', scopeType: 'global', scopeCode: null },
    ]);
  });

  it('refuses unknown roles, unpaired options and scopes a role cannot have', () => {
    expect(() => collectGrants(['auditor'], [], [])).toThrow(/one --scope for each --role/);
    expect(() => parseGrantOption('wizard@global')).toThrow(/unknown role "wizard"/);
    expect(() => parseGrantOption('auditor')).toThrow(/expected ROLE@SCOPE/);
    expect(() => parseGrantOption('admin@country:KEN')).toThrow(/admin is granted over global, not country/);
    expect(() => parseGrantOption('admin@country:KEN')).toThrow(CliError);
  });
});
