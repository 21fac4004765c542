/**
 * Atom 1.0 (RFC 4287) feed of published travel advisory versions, newest first. Each entry links
 * to the advisory page and encloses its CAP 1.2 alert, the usual way CAP is syndicated.
 */
import { advisoryWebUrl, capIdentifier, levelsHeadline, levelsHighestFirst } from './cap';
import type { Advisory } from './threats.schema';
import { el, elAttrs, toXml } from './xml';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
/** Scheme of the per-category level terms, e.g. term "armed_conflict:5". */
export const LEVEL_SCHEME = 'urn:opensmin:security-level';

export interface AtomOptions {
  /** Public base URL of the web application (a trailing slash is removed). */
  baseUrl: string;
  /** Feed title; defaults to "OpenSMIN travel advisories". */
  title?: string;
  /** Feed `updated`; defaults to the newest entry's publication (or now for an empty feed). */
  updated?: Date;
}

/** RFC 3339 in UTC, whole seconds: what feed readers parse most reliably. */
function rfc3339(value: string | Date): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`Not a timestamp: ${String(value)}`);
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The summary: the author's headline, then what a reader needs before opening the advisory. */
function summary(a: Advisory): string {
  const training = a.requiredTraining.length ? a.requiredTraining.join(', ') : 'none';
  return `${a.headline} Required training: ${training}. Review by ${a.reviewBy}.`;
}

function entry(a: Advisory & { publishedAt: string }, base: string) {
  const web = advisoryWebUrl(base, a.id);
  return el(
    'entry',
    el('id', capIdentifier(a)),
    el('title', levelsHeadline(a)),
    el('updated', rfc3339(a.publishedAt)),
    el('published', rfc3339(a.publishedAt)),
    a.ownerName ? el('author', el('name', a.ownerName)) : null,
    el('summary', summary(a)),
    elAttrs('link', { rel: 'alternate', type: 'text/html', href: web }),
    elAttrs('link', {
      rel: 'enclosure',
      type: 'application/cap+xml',
      href: `${base}/api/advisories/${encodeURIComponent(a.id)}/cap.xml`,
    }),
    ...levelsHighestFirst(a.levels).map((l) =>
      elAttrs('category', {
        scheme: LEVEL_SCHEME,
        term: `${l.category}:${l.level}`,
        label: `${l.label} ${l.level} ${l.name}`,
      }),
    ),
    elAttrs('category', { scheme: 'urn:iso:std:iso:3166:-1', term: a.countryCode.toUpperCase() }),
  );
}

/**
 * The Atom feed document. Only published versions (with `publishedAt`) are entries, superseded
 * ones included since they were published; newest first, ties broken by id for a stable order.
 */
export function buildAtomFeed(advisories: readonly Advisory[], options: AtomOptions): string {
  const base = options.baseUrl.replace(/\/+$/, '');
  const published = advisories
    .filter((a): a is Advisory & { publishedAt: string } => a.publishedAt !== null)
    .map((a) => ({ a, t: Date.parse(a.publishedAt) }))
    .sort((x, y) => y.t - x.t || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
    .map(({ a }) => a);
  const newest = published[0]?.publishedAt;
  const updated = options.updated ?? (newest ? new Date(newest) : new Date());
  const self = `${base}/api/advisories/feed.atom`;
  const feed = elAttrs(
    'feed',
    { xmlns: ATOM_NAMESPACE, 'xml:lang': 'en' },
    // The self URL is permanent for an installation and unique across installations.
    el('id', self),
    el('title', options.title ?? 'OpenSMIN travel advisories'),
    el('updated', rfc3339(updated)),
    // RFC 4287 §4.1.1: a feed needs an author unless every entry has one.
    el('author', el('name', 'OpenSMIN')),
    elAttrs('link', { rel: 'self', type: 'application/atom+xml', href: self }),
    elAttrs('link', { rel: 'alternate', type: 'text/html', href: `${base}/advisories` }),
    el('generator', 'OpenSMIN'),
    ...published.map((a) => entry(a, base)),
  );
  return toXml(feed);
}
