import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, createTestApp, type TestApp, type TestUser } from '../support/app';

let t: TestApp;
let root: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  root = await t.user('root', admin);
});
afterAll(() => t.close());

const csv = (kind: string, body: string) =>
  root.request({
    method: 'POST',
    url: `/api/imports/${kind}`,
    headers: { 'content-type': 'text/csv' },
    payload: body,
  });

describe('imports keep every valid row and report every bad one', () => {
  it('imports organizations with a counted-in parent and reports bad rows by line', async () => {
    const res = await csv(
      'organizations',
      'code,name,type,counted_in\nUNDP,UN Development Programme,programme,\nUNV,UN Volunteers,Programme,UNDP\nBAD!,Broken,agency,\nWHO,World Health Organization,charity,\nUNDP,Duplicate row,programme,\n',
    );
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ kind: 'organizations', total: 5, created: 2 });
    expect(r.rejected).toEqual([
      { line: 4, field: 'code', message: expect.stringContaining('letters') },
      { line: 5, field: 'type', message: expect.stringContaining('one of') },
      { line: 6, field: 'code', message: 'duplicate of line 2 in this file' },
    ]);
  });

  it('imports areas from GeoJSON, rejecting an invalid geometry by feature number', async () => {
    const square = [
      [
        [36, -2],
        [38, -2],
        [38, 0],
        [36, 0],
        [36, -2],
      ],
    ];
    const body = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'KEN-01', name: 'Nairobi', country: 'KEN' },
          geometry: { type: 'Polygon', coordinates: square },
        },
        {
          type: 'Feature',
          properties: { code: 'KEN-02', name: 'Open ring', country: 'KEN' },
          geometry: { type: 'Polygon', coordinates: [square[0]!.slice(0, 4)] },
        },
        { type: 'Feature', properties: { code: 'XXX-01', name: 'Nowhere', country: 'XXX' }, geometry: null },
      ],
    };
    const res = await root.request({
      method: 'POST',
      url: '/api/imports/areas',
      headers: { 'content-type': 'application/geo+json' },
      payload: JSON.stringify(body),
    });
    expect(res.json()).toMatchObject({
      created: 1,
      rejected: [
        { line: 2, field: 'geometry.coordinates[0]' },
        { line: 3, field: 'country', message: 'unknown country XXX' },
      ],
    });
  });

  it('imports stations; a re-import of the same file changes nothing; an edited row updates', async () => {
    const file =
      'code,name,area,lat,lon\nKEN-NBO,Nairobi,KEN-01,-1.29,36.82\nKEN-KSM,Kisumu,KEN-01,-0.09,34.77\nKEN-OUT,Outside,KEN-01,40.0,36.8\nKEN-BAD,Bad,NOPE-01,-1,36\nKEN-COL,Extra,KEN-01,-1,36,surplus\n';
    const first = (await csv('stations', file)).json();
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(first.rejected.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [4, 'lat'],
      [5, 'area'],
      [6, 'row'],
    ]);
    const again = (await csv('stations', file)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const edited = (
      await csv('stations', 'code,name,area,lat,lon\nKEN-KSM,Kisumu Town,KEN-01,-0.09,34.77\n')
    ).json();
    expect(edited).toMatchObject({ updated: 1 });
    const audit = (await root.request({ url: '/api/audit?entityType=duty_station&limit=10' })).json();
    expect(audit[0]).toMatchObject({
      action: 'station.update',
      before: { name: 'Kisumu' },
      after: { name: 'Kisumu Town' },
    });
  });

  it('imports premises, accepting HXL hashtag rows and blank lines', async () => {
    const res = await csv(
      'premises',
      'code,name,kind,organization,station,lat,lon,address\n#x_code,#loc+name,#x_kind,#org+code,#loc+code,#geo+lat,#geo+lon,#loc+address\n\nUNDP-NBO,UNDP office,office,UNDP,KEN-NBO,,,"Gigiri, Nairobi"\n',
    );
    expect(res.json()).toMatchObject({ created: 1, rejected: [] });
    const [p] = (await root.request({ url: '/api/premises' })).json();
    expect(p).toMatchObject({ address: 'Gigiri, Nairobi', lat: null });
  });

  it('reports an unreadable CSV as a 400 problem and writes nothing', async () => {
    const res = await csv('stations', 'code,name\n"unterminated,quote\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('file');
  });
});
