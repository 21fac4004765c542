/**
 * A tiny XML writer for the CAP and Atom publishers. Every piece of text goes through `escapeXml`,
 * so user-entered headlines and guidance can never break out of their element; there is no way to
 * insert raw markup. Output is UTF-8 with two-space indentation.
 */

/**
 * Characters outside the XML 1.0 `Char` production (control characters other than tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF): a parser rejects the whole document if any of them appears,
 * even escaped as a character reference, so they can only be dropped.
 */
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML 1.0 cannot carry. */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_XML_CHARS, '');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would be normalised to LF by every parser; a reference survives the round trip.
  '\r': '&#xD;',
};

/**
 * Escapes `text` for element content or a (double- or single-quoted) attribute value: the five
 * markup characters become entities and characters illegal in XML 1.0 are removed.
 */
export function escapeXml(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

/** Attribute values also need tab and LF as references, or attribute normalisation turns them into spaces. */
function escapeAttribute(text: string): string {
  return escapeXml(text).replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string | number | undefined>>;
  readonly children: readonly (XmlElement | string)[];
}

/** A child that is skipped: lets callers write optional elements inline (`cond && el(...)`). */
export type XmlChild = XmlElement | string | number | null | undefined | false;

// Names are always written by our code, never taken from input; the check catches programming errors.
const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;

/** An element with text or element children; `null`, `undefined` and `false` children are skipped. */
export function el(name: string, ...children: XmlChild[]): XmlElement {
  return elAttrs(name, {}, ...children);
}

/** An element with attributes (undefined values are left out) and children as for `el`. */
export function elAttrs(
  name: string,
  attrs: Readonly<Record<string, string | number | undefined>>,
  ...children: XmlChild[]
): XmlElement {
  if (!NAME.test(name)) throw new Error(`Invalid XML element name: ${name}`);
  for (const key of Object.keys(attrs)) {
    if (!NAME.test(key)) throw new Error(`Invalid XML attribute name: ${key}`);
  }
  const kept: (XmlElement | string)[] = [];
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === '') continue;
    kept.push(typeof c === 'number' ? String(c) : c);
  }
  return { name, attrs, children: kept };
}

function openTag(e: XmlElement): string {
  let s = `<${e.name}`;
  for (const [k, v] of Object.entries(e.attrs)) {
    if (v !== undefined) s += ` ${k}="${escapeAttribute(String(v))}"`;
  }
  return s;
}

function write(e: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const open = openTag(e);
  if (e.children.length === 0) {
    out.push(`${pad}${open}/>`);
    return;
  }
  // Text (or mixed content) is written inline: indentation inside it would change the text.
  if (e.children.some((c) => typeof c === 'string')) {
    out.push(`${pad}${open}>${e.children.map(inline).join('')}</${e.name}>`);
    return;
  }
  out.push(`${pad}${open}>`);
  for (const c of e.children) write(c as XmlElement, depth + 1, out);
  out.push(`${pad}</${e.name}>`);
}

function inline(c: XmlElement | string): string {
  if (typeof c === 'string') return escapeXml(c);
  const open = openTag(c);
  return c.children.length === 0 ? `${open}/>` : `${open}>${c.children.map(inline).join('')}</${c.name}>`;
}

/** The document: an XML declaration (UTF-8) and `root`, indented, ending with a newline. */
export function toXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
