import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyResponse,
  deliveryOutcome,
  inScope,
  newSecret,
  signature,
  TOPIC_FILTER,
  topicMatches,
  verifySignature,
  webhookBody,
} from './webhook-rules';

describe('topicMatches', () => {
  it('takes exact topics, prefixes ending in .* and *', () => {
    expect(topicMatches(['incident.*'], 'incident.trip_alert')).toBe(true);
    expect(topicMatches(['incident.*'], 'incidents.x')).toBe(false);
    expect(topicMatches(['incident.*'], 'incident')).toBe(false);
    expect(topicMatches(['threat.level_raised'], 'threat.level_raised')).toBe(true);
    expect(topicMatches(['threat.level_raised'], 'threat.level_alert')).toBe(false);
    expect(topicMatches(['*'], 'anything.at_all')).toBe(true);
    expect(topicMatches([], 'incident.submitted')).toBe(false);
  });
  it('accepts only well-formed filters', () => {
    for (const ok of ['*', 'incident.*', 'threat.level_raised', 'a.b.c'])
      expect(TOPIC_FILTER.test(ok)).toBe(true);
    for (const bad of ['', 'Incident', 'incident.', '.x', 'a..b', 'a.*.b', 'a b', '%'])
      expect(TOPIC_FILTER.test(bad)).toBe(false);
  });
});

describe('inScope', () => {
  it('global takes all; a country only payloads naming it; an organization only payloads naming it', () => {
    const g = { organizationId: null, countryCode: null };
    const afg = { organizationId: null, countryCode: 'AFG' };
    const org = { organizationId: 'o-1', countryCode: null };
    expect(inScope(g, {})).toBe(true);
    expect(inScope(afg, { countryCode: 'AFG' })).toBe(true);
    expect(inScope(afg, { countryCode: 'KEN' })).toBe(false);
    expect(inScope(afg, {})).toBe(false);
    expect(inScope(afg, null)).toBe(false);
    expect(inScope(org, { organizationId: 'o-1' })).toBe(true);
    expect(inScope(org, { organizationIds: ['o-2', 'o-1'] })).toBe(true);
    expect(inScope(org, { countryCode: 'AFG' })).toBe(false);
  });
});

describe('signatures', () => {
  it('verify for the same secret and body, and fail for any change or an old timestamp', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (topic, payload) => {
        const secret = newSecret();
        const at = new Date();
        const body = webhookBody({ id: 7, topic, createdAt: at, payload });
        const header = signature(secret, body, at);
        expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(verifySignature(secret, body, header, at)).toBe(true);
        expect(verifySignature(newSecret(), body, header, at)).toBe(false);
        expect(verifySignature(secret, `${body} `, header, at)).toBe(false);
        expect(verifySignature(secret, body, header, new Date(at.getTime() + 600_000))).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
  it('the body has exactly id, topic, createdAt and payload', () => {
    const body = JSON.parse(
      webhookBody({ id: 12, topic: 't.x', createdAt: new Date('2026-01-02T03:04:05Z'), payload: { a: 1 } }),
    );
    expect(body).toEqual({
      id: '12',
      topic: 't.x',
      createdAt: '2026-01-02T03:04:05.000Z',
      payload: { a: 1 },
    });
  });
  it('secrets are long and distinct', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});

describe('what an answer means', () => {
  it('2xx delivers; 408, 429 and 5xx retry; other answers are final', () => {
    expect(classifyResponse(204)).toEqual({ kind: 'ok', status: 204 });
    for (const s of [408, 429, 500, 502, 503])
      expect(classifyResponse(s)).toMatchObject({ permanent: false });
    for (const s of [301, 400, 401, 404, 410, 422])
      expect(classifyResponse(s)).toMatchObject({ permanent: true });
  });
  it('retries until the last attempt, with growing waits, then gives up with the reason', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 12 }), (attempt, max) => {
        const o = deliveryOutcome(
          { kind: 'failed', status: 503, reason: 'HTTP 503', permanent: false },
          attempt,
          { maxAttempts: max, jitterSeed: 1 },
        );
        if (attempt >= max)
          expect(o).toEqual({ kind: 'dead', reason: `gave up after ${attempt} attempts: HTTP 503` });
        else expect(o).toMatchObject({ kind: 'retry', reason: `attempt ${attempt} of ${max}: HTTP 503` });
      }),
    );
    const wait = (n: number) =>
      (
        deliveryOutcome({ kind: 'failed', status: null, reason: 'x', permanent: false }, n) as {
          delayMs: number;
        }
      ).delayMs;
    expect(wait(2)).toBeGreaterThan(wait(1));
    expect(deliveryOutcome({ kind: 'failed', status: 410, reason: 'HTTP 410', permanent: true }, 1)).toEqual({
      kind: 'dead',
      reason: 'refused: HTTP 410',
    });
    expect(deliveryOutcome({ kind: 'ok', status: 200 }, 5)).toEqual({ kind: 'delivered' });
  });
});
