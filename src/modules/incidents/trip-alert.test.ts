import { describe, expect, it } from 'vitest';
import {
  alertPlace,
  alertRecipients,
  buildTripAlert,
  type PresentPerson,
  TRIP_ALERT_KM,
  tripAlertKey,
} from './trip-alert';

const person = (over: Partial<PresentPerson>): PresentPerson => ({
  id: 'p1',
  kind: 'personnel',
  email: null,
  userId: null,
  sponsorEmail: null,
  sponsorName: null,
  ...over,
});

describe('alertPlace', () => {
  it('alerts the area when there is one, else 25 km around the point', () => {
    expect(alertPlace({ relevance: 'organization', areaId: 'a1', lat: 1, lon: 2 })).toEqual({ areaId: 'a1' });
    expect(alertPlace({ relevance: 'situational', areaId: null, lat: 1, lon: 2 })).toEqual({
      near: { lat: 1, lon: 2, km: TRIP_ALERT_KM },
    });
    expect(TRIP_ALERT_KM).toBe(25);
  });
  it('alerts no one for a near miss or an incident with neither area nor point', () => {
    expect(alertPlace({ relevance: 'near_miss', areaId: 'a1', lat: 1, lon: 2 })).toBeNull();
    expect(alertPlace({ relevance: 'organization', areaId: null, lat: null, lon: null })).toBeNull();
  });
});

describe('alertRecipients', () => {
  it('reaches each person by their address, a dependant without one through the sponsor, once each', () => {
    const r = alertRecipients([
      person({ id: 'p1', email: ' staff@x.org ', userId: 'u1' }),
      person({ id: 'p2', kind: 'dependant', sponsorEmail: 'staff@x.org', sponsorName: 'Sam Staff' }),
      person({ id: 'p3', kind: 'dependant', sponsorEmail: 'other@x.org', sponsorName: 'Olga Other' }),
      person({ id: 'p4', email: 'STAFF@x.org' }),
      person({ id: 'p5' }),
      person({ id: 'p6', kind: 'dependant', email: 'kid@x.org' }),
    ]);
    expect(r).toEqual([
      { email: 'staff@x.org', userId: 'u1', personId: 'p1', reason: 'present in the area' },
      { email: 'other@x.org', personId: 'p3', reason: 'dependant of Olga Other' },
      { email: 'kid@x.org', personId: 'p6', reason: 'dependant present in the area' },
    ]);
  });
});

describe('buildTripAlert', () => {
  const facts = {
    incidentId: 'i-1',
    reference: 'INC-2026-0001',
    categoryName: 'Armed robbery',
    nature: 'crime',
    countryCode: 'AFG',
    areaName: 'Central',
    occurredOn: '2026-03-04',
    occurredAt: '2026-03-04T16:45:00.000Z',
  };
  it('says what, where, when, the category and what to do, with a link', () => {
    const m = buildTripAlert(facts, 'https://smin.example.org/');
    expect(m.subject).toBe('[OpenSMIN] Security alert: Armed robbery in Central');
    expect(m.text).toContain('Armed robbery (crime), 2026-03-04 16:45 UTC, in Central, AFG');
    expect(m.text).toContain(
      'follow the instructions of your security focal point; reply safe/not safe when asked',
    );
    expect(m.url).toBe('https://smin.example.org/incidents/i-1');
    expect(m.text).toContain(m.url);
    expect(tripAlertKey('i-1')).toBe('incident.trip_alert:i-1');
  });
  it('without an area, names the radius; without a time, the date', () => {
    const m = buildTripAlert({ ...facts, areaName: null, occurredAt: null }, 'https://s');
    expect(m.subject).toContain('in AFG');
    expect(m.text).toContain('2026-03-04, in AFG (within 25 km of the reported point)');
  });
});
