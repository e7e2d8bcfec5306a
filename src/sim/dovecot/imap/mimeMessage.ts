/**
 * A message as IMAP addresses it (RFC 3501 section 6.4.5): header and body of every MIME part,
 * in CRLF form, with the Content-* fields BODYSTRUCTURE reports. A multipart body is split at
 * its boundary lines; the CRLF before a boundary belongs to the boundary, which is why a part
 * "ends" one line earlier than it seems to.
 */

export interface HeaderField {
  /** The name as written. */
  name: string;
  /** The value, unfolded, without the leading space. */
  value: string;
  /** The field's lines as written, CRLFs included. */
  raw: string;
}

export interface ContentType {
  /** Lower-cased, for deciding what the part is. */
  type: string;
  subtype: string;
  /** As written in the header: BODYSTRUCTURE repeats them that way ("TEXT" "PLAIN"). */
  rawType: string;
  rawSubtype: string;
  /** Parameters with their names as written. */
  params: [string, string][];
}

export interface MimePart {
  /** Header lines and the empty line that ends them (CRLF). */
  headerText: string;
  headers: HeaderField[];
  /** The body, CRLF, up to (not including) the CRLF of the next boundary. */
  body: string;
  contentType: ContentType;
  /** Whether the part said its Content-Type (defaults depend on it). */
  explicitType: boolean;
  children: MimePart[];
  /** message/rfc822: the message inside. */
  message?: MimePart;
}

export function parseMessage(text: string, parentDigest = false): MimePart {
  const split = splitHeader(text);
  const headers = parseHeaderFields(split.header);
  const ctHeader = headers.find((h) => h.name.toLowerCase() === 'content-type');
  const contentType = ctHeader ? parseContentType(ctHeader.value) : defaultType(parentDigest);
  const part: MimePart = {
    headerText: split.header,
    headers,
    body: split.body,
    contentType,
    explicitType: ctHeader !== undefined && contentType.type !== '',
    children: [],
  };
  if (!part.explicitType) part.contentType = defaultType(parentDigest);
  const { type, subtype } = part.contentType;
  if (type === 'multipart') {
    const boundary = param(part.contentType, 'boundary');
    if (boundary) part.children = splitMultipart(split.body, boundary).map((t) => parseMessage(t, subtype === 'digest'));
  } else if (type === 'message' && subtype === 'rfc822') {
    part.message = parseMessage(split.body);
  }
  return part;
}

/** The header ends at the first empty line; a text that starts with one has no header. */
export function splitHeader(text: string): { header: string; body: string } {
  if (text.startsWith('\r\n')) return { header: '\r\n', body: text.slice(2) };
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { header: text, body: '' };
  return { header: text.slice(0, end + 4), body: text.slice(end + 4) };
}

export function parseHeaderFields(headerText: string): HeaderField[] {
  const fields: HeaderField[] = [];
  const lines = headerText.split('\r\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) {
      // Unfolding removes the line break and keeps the white space that follows it.
      const last = fields[fields.length - 1];
      last.value += line;
      last.raw += `${line}\r\n`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).replace(/^[ \t]+/, ''), raw: `${line}\r\n` });
  }
  for (const f of fields) f.value = f.value.replace(/[ \t]+$/, '');
  return fields;
}

export function headerValue(part: MimePart, name: string): string | undefined {
  const lower = name.toLowerCase();
  return part.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

function defaultType(parentDigest: boolean): ContentType {
  if (parentDigest) return { type: 'message', subtype: 'rfc822', rawType: 'message', rawSubtype: 'rfc822', params: [] };
  return { type: 'text', subtype: 'plain', rawType: 'text', rawSubtype: 'plain', params: [['charset', 'us-ascii']] };
}

/** "multipart/mixed; boundary=\"x\"" -> type, subtype (lower-cased) and parameters. */
export function parseContentType(value: string): ContentType {
  const [head, ...rest] = splitParams(value);
  const m = /^\s*([^/\s;]+)\s*\/\s*([^\s;]+)\s*$/.exec(head);
  if (!m) return { type: '', subtype: '', rawType: '', rawSubtype: '', params: [] };
  const params = parseParams(rest);
  // A text part that names no charset is us-ascii (RFC 2045), and BODYSTRUCTURE says so.
  if (m[1].toLowerCase() === 'text' && !params.some(([k]) => k.toLowerCase() === 'charset')) params.push(['charset', 'us-ascii']);
  return { type: m[1].toLowerCase(), subtype: m[2].toLowerCase(), rawType: m[1], rawSubtype: m[2], params };
}

/** "attachment; filename=x" -> the value and its parameters. */
export function parseValueWithParams(value: string): { value: string; params: [string, string][] } {
  const [head, ...rest] = splitParams(value);
  return { value: head.trim(), params: parseParams(rest) };
}

function parseParams(items: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim();
    let v = item.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    out.push([name, v]);
  }
  return out;
}

/** Splits at ";" outside quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function param(ct: ContentType, name: string): string | undefined {
  return ct.params.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** The texts of the parts between "--boundary" lines, up to "--boundary--". */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let pos = findDelimiter(body, delimiter, 0);
  while (pos >= 0) {
    const lineEnd = body.indexOf('\r\n', pos);
    const line = lineEnd < 0 ? body.slice(pos) : body.slice(pos, lineEnd);
    if (line.slice(delimiter.length).startsWith('--')) break;
    if (lineEnd < 0) break;
    const start = lineEnd + 2;
    const next = findDelimiter(body, delimiter, start);
    if (next < 0) {
      parts.push(body.slice(start));
      break;
    }
    // The CRLF before the next boundary line belongs to the boundary.
    const end = next >= start + 2 && body.slice(next - 2, next) === '\r\n' ? next - 2 : next;
    parts.push(body.slice(start, Math.max(start, end)));
    pos = next;
  }
  return parts;
}

/** The offset of a boundary line ("--b" at the start of a line), from `from`. */
function findDelimiter(body: string, delimiter: string, from: number): number {
  let i = from;
  for (;;) {
    const at = body.indexOf(delimiter, i);
    if (at < 0) return -1;
    if (at === 0 || body.slice(at - 2, at) === '\r\n') {
      const after = body.slice(at + delimiter.length, at + delimiter.length + 2);
      if (after === '' || after === '\r\n' || after === '--' || /^[ \t]/.test(after)) return at;
    }
    i = at + delimiter.length;
  }
}
