/**
 * FETCH BODY and BODYSTRUCTURE: the MIME tree as IMAP describes it. A text part gives its size
 * in octets and lines; a message/rfc822 part embeds the envelope and structure of the message
 * inside; multiparts list their parts, then the subtype. BODYSTRUCTURE adds the extension data
 * (MD5, disposition, language, location; for multiparts the parameters first).
 */
import { imapNString, imapQuote } from './imapQuote';
import { envelope } from './imapEnvelope';
import { headerValue, parseValueWithParams, type MimePart } from './mimeMessage';
import { byteLength } from './imapBytes';

export function bodyStructure(part: MimePart, extended: boolean): string {
  const ct = part.contentType;
  if (ct.type === 'multipart' && part.children.length > 0) {
    const children = part.children.map((c) => bodyStructure(c, extended)).join('');
    if (!extended) return `(${children} ${imapQuote(ct.rawSubtype)})`;
    return `(${children} ${imapQuote(ct.rawSubtype)} ${params(ct.params)} ${disposition(part)} ${language(part)} ${location(part)})`;
  }
  const fields = [
    imapQuote(ct.type === 'multipart' ? 'text' : ct.rawType),
    imapQuote(ct.type === 'multipart' ? 'plain' : ct.rawSubtype),
    params(ct.type === 'multipart' ? [['charset', 'us-ascii']] : ct.params),
    imapNString(headerValue(part, 'content-id')),
    imapNString(headerValue(part, 'content-description')),
    imapQuote(headerValue(part, 'content-transfer-encoding') ?? '7bit'),
    String(byteLength(part.body)),
  ];
  if (ct.type === 'message' && ct.subtype === 'rfc822' && part.message) {
    fields.push(envelope(part.message), bodyStructure(part.message, extended), String(lineCount(part.body)));
  } else if (ct.type === 'text' || ct.type === 'multipart') {
    fields.push(String(lineCount(part.body)));
  }
  if (extended) fields.push(imapNString(headerValue(part, 'content-md5')), disposition(part), language(part), location(part));
  return `(${fields.join(' ')})`;
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

function params(list: [string, string][]): string {
  if (list.length === 0) return 'NIL';
  return `(${list.map(([k, v]) => `${imapQuote(k)} ${imapQuote(v)}`).join(' ')})`;
}

function disposition(part: MimePart): string {
  const value = headerValue(part, 'content-disposition');
  if (!value) return 'NIL';
  const d = parseValueWithParams(value);
  return `(${imapQuote(d.value)} ${params(d.params)})`;
}

function language(part: MimePart): string {
  const value = headerValue(part, 'content-language');
  if (!value) return 'NIL';
  const langs = value.split(',').map((l) => l.trim()).filter(Boolean);
  return langs.length === 1 ? imapQuote(langs[0]) : `(${langs.map(imapQuote).join(' ')})`;
}

function location(part: MimePart): string {
  return imapNString(headerValue(part, 'content-location'));
}
