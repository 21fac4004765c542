import type { TestUser } from './app';

export interface TwoScopes {
  orgA: string;
  orgB: string;
  areaAfg: string;
  areaKen: string;
  stationAfg: string;
  stationKen: string;
  premisesA: string;
  premisesB: string;
  userB: string;
  grantB: string;
  tokenRoot: string;
}

/**
 * Two organizations in two countries: ORGA with premises in Afghanistan, ORGB with premises in
 * Kenya, each with an area and a duty station; a user of ORGB with a grant; a token of `root`.
 */
export async function seedTwoScopes(root: TestUser): Promise<TwoScopes> {
  const post = async (url: string, payload: object) => {
    const res = await root.request({ method: 'POST', url, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const orgA = await post('/api/organizations', { code: 'ORGA', name: 'Organization A', type: 'agency' });
  const orgB = await post('/api/organizations', { code: 'ORGB', name: 'Organization B', type: 'fund' });
  const areaAfg = await post('/api/areas', { code: 'AFG-01', name: 'Central', countryCode: 'AFG' });
  const areaKen = await post('/api/areas', { code: 'KEN-01', name: 'Nairobi', countryCode: 'KEN' });
  const stationAfg = await post('/api/stations', {
    code: 'AFG-KBL',
    name: 'Kabul',
    areaCode: 'AFG-01',
    lat: 34.53,
    lon: 69.17,
  });
  const stationKen = await post('/api/stations', {
    code: 'KEN-NBO',
    name: 'Nairobi',
    areaCode: 'KEN-01',
    lat: -1.29,
    lon: 36.82,
  });
  const premisesA = await post('/api/premises', {
    code: 'A-1',
    name: 'A office',
    kind: 'office',
    organizationCode: 'ORGA',
    stationCode: 'AFG-KBL',
  });
  const premisesB = await post('/api/premises', {
    code: 'B-1',
    name: 'B office',
    kind: 'office',
    organizationCode: 'ORGB',
    stationCode: 'KEN-NBO',
  });
  const userB = await post('/api/users', {
    username: 'user.b',
    displayName: 'User B',
    organizationCode: 'ORGB',
  });
  const grantB = await post(`/api/users/${userB.id}/grants`, {
    role: 'personnel',
    scopeType: 'organization',
    scopeId: 'ORGB',
  });
  const tokenRoot = await post('/api/auth/tokens', { name: 'root token' });
  return {
    orgA: orgA.id,
    orgB: orgB.id,
    areaAfg: areaAfg.id,
    areaKen: areaKen.id,
    stationAfg: stationAfg.id,
    stationKen: stationKen.id,
    premisesA: premisesA.id,
    premisesB: premisesB.id,
    userB: userB.id,
    grantB: grantB.id,
    tokenRoot: tokenRoot.id,
  };
}

/**
 * Drafts an assessment of `areaCode` as `author`, has `approver` approve it and `author` publish it,
 * checking each step; returns the published assessment.
 */
export async function publishAssessment(
  author: TestUser,
  approver: TestUser,
  areaCode: string,
  levels: readonly number[],
  effectiveDate = '2026-11-01',
) {
  const lv = (level: number) => ({ level });
  const draft = await author.request({
    method: 'POST',
    url: '/api/threats/assessments',
    payload: {
      areaCode,
      effectiveDate,
      categories: {
        armed_conflict: lv(levels[0]!),
        terrorism: lv(levels[1]!),
        crime: lv(levels[2]!),
        civil_unrest: lv(levels[3]!),
      },
    },
  });
  if (draft.statusCode !== 201) throw new Error(`draft: ${draft.statusCode} ${draft.body}`);
  const approved = await approver.request({
    method: 'POST',
    url: `/api/threats/assessments/${draft.json().id}/approve`,
    payload: { version: draft.json().version },
  });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  const published = await author.request({
    method: 'POST',
    url: `/api/threats/assessments/${draft.json().id}/publish`,
    payload: { version: approved.json().version },
  });
  if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);
  return published.json();
}
