/**
 * RFC 5322 message text split into header fields and body, keeping each field's exact text
 * (folding included) so that what goes back out is byte for byte what came in.
 */

export interface HeaderField {
  /** The field name as written, e.g. "Subject". */
  name: string;
  /** The whole field, continuation lines included, without the final newline. */
  raw: string;
}

export interface SplitMessage {
  headers: HeaderField[];
  /** Everything after the header section (after the empty line, if there was one). */
  body: string;
  /** Whether an empty line separated headers and body. */
  hadSeparator: boolean;
}

const FIELD = /^([!-9;-~]+)[ \t]*:/;

/** Splits LF-terminated text. A line that is neither a field nor a continuation starts the body. */
export function splitMessage(text: string): SplitMessage {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const headers: HeaderField[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') {
      return { headers, body: joinBody(lines.slice(i + 1)), hadSeparator: true };
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      headers[headers.length - 1].raw += `\n${line}`;
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) break;
    headers.push({ name: m[1], raw: line });
  }
  return { headers, body: joinBody(lines.slice(i)), hadSeparator: false };
}

function joinBody(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function findHeader(headers: readonly HeaderField[], name: string): HeaderField | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower);
}

/** The field's value with folding undone and outer white space trimmed. */
export function headerValue(field: HeaderField): string {
  return field.raw.slice(field.raw.indexOf(':') + 1).replace(/\n[ \t]+/g, ' ').trim();
}

export function joinMessage(headers: readonly HeaderField[], body: string): string {
  const head = headers.map((h) => `${h.raw}\n`).join('');
  return `${head}\n${body}`;
}
