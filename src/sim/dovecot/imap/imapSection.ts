/**
 * BODY[section]<partial>: which bytes of a message a fetch names (RFC 3501 section 6.4.5) —
 * the whole message, its HEADER or TEXT, chosen header fields, a MIME part by number, a part's
 * MIME header — and the name the response gives them back under.
 */
import { parseImapArgs } from './imapArgs';
import type { MimePart } from './mimeMessage';

export type SectionSpec = 'ALL' | 'HEADER' | 'TEXT' | 'MIME' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT';

export interface Section {
  /** MIME part numbers (1-based), empty for the message itself. */
  path: number[];
  spec: SectionSpec;
  /** Header field names for HEADER.FIELDS(.NOT), upper-cased. */
  fields: string[];
}

export interface Partial {
  offset: number;
  length?: number;
}

/** Parses what is inside the brackets; undefined when Dovecot would say "Invalid BODY[..] section". */
export function parseSection(text: string): Section | undefined {
  const m = /^((?:\d+\.)*\d+)?(?:\.?([A-Za-z.]+)(?:\s+(\(.*\)))?)?$/s.exec(text.trim());
  if (!m) return undefined;
  const path = m[1] ? m[1].split('.').map(Number) : [];
  if (path.some((n) => n === 0)) return undefined;
  if (m[1] && m[2] && !text.trim().startsWith(`${m[1]}.`)) return undefined;
  const word = (m[2] ?? '').toUpperCase();
  if (word === '') return m[3] ? undefined : { path, spec: 'ALL', fields: [] };
  if (word === 'HEADER' || word === 'TEXT') return m[3] ? undefined : { path, spec: word, fields: [] };
  if (word === 'MIME') return path.length === 0 || m[3] ? undefined : { path, spec: 'MIME', fields: [] };
  if (word !== 'HEADER.FIELDS' && word !== 'HEADER.FIELDS.NOT') return undefined;
  const list = m[3] ? parseImapArgs(m[3]) : undefined;
  if (!list || !list.ok || list.args.length !== 1 || list.args[0].type !== 'list') return undefined;
  const fields = list.args[0].items.map((a) => (a.type === 'list' ? '' : a.value.toUpperCase()));
  if (fields.length === 0 || fields.some((f) => f === '')) return undefined;
  return { path, spec: word, fields };
}

/** "<0.100>" or "<5>"; undefined when malformed. */
export function parsePartial(text: string): Partial | undefined {
  const m = /^<(\d+)(?:\.(\d+))?>$/.exec(text);
  if (!m) return undefined;
  return { offset: Number(m[1]), ...(m[2] !== undefined ? { length: Number(m[2]) } : {}) };
}

/** The section as the response names it: "1.HEADER.FIELDS (FROM TO)". */
export function sectionName(s: Section): string {
  const path = s.path.join('.');
  if (s.spec === 'ALL') return path;
  const spec = s.spec.startsWith('HEADER.FIELDS') ? `${s.spec} (${s.fields.join(' ')})` : s.spec;
  return path ? `${path}.${spec}` : spec;
}

/** Does the section count as a header fetch in Dovecot's statistics (MIME does not)? */
export function isHeaderSection(s: Section): boolean {
  return s.spec === 'HEADER' || s.spec === 'HEADER.FIELDS' || s.spec === 'HEADER.FIELDS.NOT';
}

/** The bytes a section names in a message ('' when the part does not exist). */
export function sectionText(root: MimePart, fullText: string, s: Section): string {
  if (s.path.length === 0) return messageSection(root, fullText, s);
  const part = resolvePart(root, s.path);
  if (!part) return '';
  if (s.spec === 'MIME') return part.headerText;
  if (s.spec === 'ALL') return part.body;
  // HEADER/TEXT of a part only exist for an embedded message.
  if (!part.message) return '';
  return messageSection(part.message, part.body, s);
}

function messageSection(msg: MimePart, fullText: string, s: Section): string {
  switch (s.spec) {
    case 'ALL':
      return fullText;
    case 'HEADER':
      return msg.headerText;
    case 'TEXT':
      return msg.body;
    case 'HEADER.FIELDS':
      return selectFields(msg, s.fields, true);
    case 'HEADER.FIELDS.NOT':
      return selectFields(msg, s.fields, false);
    default:
      return '';
  }
}

function selectFields(msg: MimePart, names: string[], keep: boolean): string {
  const wanted = new Set(names);
  return msg.headers.filter((h) => wanted.has(h.name.toUpperCase()) === keep).map((h) => h.raw).join('') + '\r\n';
}

/** Follows part numbers: into multipart children, through embedded messages. */
export function resolvePart(root: MimePart, path: number[]): MimePart | undefined {
  let part: MimePart = root;
  for (const n of path) {
    const isMessage = part === root || part.message !== undefined;
    const container = part.message ?? part;
    if (container.contentType.type === 'multipart' && container.children.length > 0) {
      const child = container.children[n - 1];
      if (!child) return undefined;
      part = child;
    } else if (n === 1 && isMessage) {
      // A single-part message is its own part 1.
      part = container;
    } else {
      return undefined;
    }
  }
  return part;
}

/** Applies <offset.length> to a section's text. */
export function applyPartial(text: string, partial: Partial | undefined): string {
  if (!partial) return text;
  const bytes = new TextEncoder().encode(text);
  const start = Math.min(partial.offset, bytes.length);
  const end = partial.length === undefined ? bytes.length : Math.min(bytes.length, start + partial.length);
  return new TextDecoder().decode(bytes.slice(start, end));
}

