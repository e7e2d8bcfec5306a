/**
 * A message's structure for the inspector: header fields (unfolded), the Received chain, and the
 * MIME parts. Lenient: a message from a student's telnet session is rarely well-formed, and the
 * inspector must show what is there rather than refuse.
 */

export interface HeaderField {
  name: string;
  value: string;
}

export interface MimePart {
  /** "1", "1.2": the IMAP part number. */
  id: string;
  contentType: string;
  /** Parameters such as charset or name. */
  params: Record<string, string>;
  encoding?: string;
  size: number;
  children: MimePart[];
}

export interface ParsedMessage {
  headers: HeaderField[];
  body: string;
}

export function parseMessage(text: string): ParsedMessage {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const headers: HeaderField[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') {
      i++;
      break;
    }
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) {
      // Not a header: the body starts here (a message typed without the empty line).
      break;
    }
    headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return { headers, body: lines.slice(i).join('\n') };
}

export function header(headers: HeaderField[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

export function headerAll(headers: HeaderField[], name: string): string[] {
  return headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).map((h) => h.value);
}

/** "text/plain; charset=UTF-8" -> type and parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

export function mimeTree(text: string, id = '1', depth = 0): MimePart {
  const { headers, body } = parseMessage(text);
  const ct = parseContentType(header(headers, 'Content-Type'));
  const part: MimePart = { id, contentType: ct.type, params: ct.params, encoding: header(headers, 'Content-Transfer-Encoding'), size: body.length, children: [] };
  const boundary = ct.params.boundary;
  if (ct.type.startsWith('multipart/') && boundary && depth < 8) {
    const chunks = body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*$`, 'm'));
    chunks.slice(1, -1).forEach((chunk, i) => part.children.push(mimeTree(chunk.replace(/^\n/, ''), `${id === '1' && depth === 0 ? '' : `${id}.`}${i + 1}`, depth + 1)));
  }
  return part;
}

/** The address inside "Name <a@b>" or a bare address, lower-cased for comparison. */
export function addressOf(value: string): string {
  const m = /<([^>]*)>/.exec(value);
  return (m ? m[1] : value).trim().toLowerCase();
}
