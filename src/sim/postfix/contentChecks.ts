/**
 * header_checks and body_checks, as cleanup applies them to mail from outside (smtpd, pickup):
 * each logical header, then each body line, is looked up in the tables; the first REJECT ends
 * the message, other actions are logged and the message goes on. The log lines have Postfix's
 * shape, checked against Postfix 3.7.11:
 *
 *   QUEUEID: reject: header Subject: buy now from client[1.2.3.4]; from=<s> to=<r> proto=ESMTP helo=<h>: 5.7.1 no spam
 *
 * Not simulated: mime_header_checks and nested_header_checks as separate tables (MIME headers
 * of the top level are checked with header_checks, as the defaults make them), FILTER and BCC
 * (logged as unknown).
 */
import { splitMessage, type HeaderField } from '../mail/headers';
import { openTables, searchTables, type LookupTable, type TableContext } from './maps/lookupTable';

export interface ContentCheckContext {
  queueId: string;
  /** "client[1.2.3.4]" for smtpd, "local" for a local submission. */
  client: string;
  sender: string;
  /** The last recipient cleanup has seen (what its log lines show as to=). */
  recipient?: string;
  proto?: string;
  helo?: string;
}

export type ContentVerdict =
  | { kind: 'accept' }
  | { kind: 'reject'; dsn: string; text: string; phase: 'header' | 'body' }
  | { kind: 'discard'; phase: 'header' | 'body' }
  | { kind: 'hold' };

export interface ContentCheckResult {
  verdict: ContentVerdict;
  /** The message after PREPEND, REPLACE and IGNORE. */
  text: string;
  /** Log lines (without the program name) from the header phase, then from the body phase. */
  headerLog: string[];
  bodyLog: string[];
  /** REDIRECT: every recipient is replaced by this address (the originals stay as orig_to). */
  redirect?: string;
}

const KNOWN_ACTIONS = new Set(['REJECT', 'WARN', 'INFO', 'DISCARD', 'HOLD', 'IGNORE', 'PREPEND', 'REPLACE', 'REDIRECT', 'DUNNO', 'OK']);

export function runContentChecks(text: string, headerSpec: string, bodySpec: string, tables: TableContext, ctx: ContentCheckContext): ContentCheckResult {
  const headerTables = headerSpec.trim() ? openTables(headerSpec, tables) : [];
  const bodyTables = bodySpec.trim() ? openTables(bodySpec, tables) : [];
  const result: ContentCheckResult = { verdict: { kind: 'accept' }, text, headerLog: [], bodyLog: [] };
  if (headerTables.length === 0 && bodyTables.length === 0) return result;
  const split = splitMessage(text);
  const headers: HeaderField[] = [];
  let held = false;
  for (const h of split.headers) {
    const step = applyAction(headerTables, h.raw, 'header', ctx, result.headerLog);
    if (step.verdict) {
      if (step.verdict.kind === 'hold') held = true;
      else if (result.verdict.kind === 'accept' || step.verdict.kind === 'reject') result.verdict = step.verdict;
      if (step.verdict.kind === 'reject') return result;
    }
    if (step.redirect) result.redirect = step.redirect;
    if (step.prepend) headers.push({ name: step.prepend.split(':')[0], raw: step.prepend });
    if (step.replace !== undefined) headers.push({ name: step.replace.split(':')[0], raw: step.replace });
    else if (!step.ignore) headers.push(h);
  }
  if (result.verdict.kind === 'discard') return result;
  const bodyLines = split.body === '' ? [] : split.body.replace(/\n$/, '').split('\n');
  const body: string[] = [];
  for (const line of bodyLines) {
    const step = applyAction(bodyTables, line, 'body', ctx, result.bodyLog);
    if (step.verdict) {
      if (step.verdict.kind === 'hold') held = true;
      else if (result.verdict.kind === 'accept' || step.verdict.kind === 'reject') result.verdict = step.verdict;
      if (step.verdict.kind === 'reject') return result;
    }
    if (step.redirect) result.redirect = step.redirect;
    if (step.prepend) body.push(step.prepend);
    if (step.replace !== undefined) body.push(step.replace);
    else if (!step.ignore) body.push(line);
  }
  if (held && result.verdict.kind === 'accept') result.verdict = { kind: 'hold' };
  const head = headers.map((h) => `${h.raw}\n`).join('');
  const rest = split.hadSeparator ? `\n${body.map((l) => `${l}\n`).join('')}` : body.map((l) => `${l}\n`).join('');
  result.text = head + rest;
  return result;
}

interface Step {
  verdict?: ContentVerdict;
  prepend?: string;
  replace?: string;
  ignore?: boolean;
  redirect?: string;
}

function applyAction(tables: LookupTable[], content: string, phase: 'header' | 'body', ctx: ContentCheckContext, log: string[]): Step {
  if (tables.length === 0) return {};
  const found = searchTables(tables, content);
  if (found.status !== 'found') return {};
  const m = /^(\S+)\s*(.*)$/s.exec(found.value.trim()) ?? ['', '', ''];
  const action = m[1].toUpperCase();
  const arg = m[2];
  if (!KNOWN_ACTIONS.has(action)) {
    log.push(`warning: unknown command in ${phase}_checks map: ${found.value.trim()}`);
    return {};
  }
  const line = (what: string, tail: string) => log.push(`${ctx.queueId}: ${what}: ${phase} ${printable(content)} from ${ctx.client};${envelope(ctx)}${tail ? `: ${tail}` : ''}`);
  switch (action) {
    case 'REJECT': {
      const dsn = /^([45]\.\d{1,3}\.\d{1,3})\s+/.exec(arg);
      const text = (dsn ? arg.slice(dsn[0].length) : arg).trim() || 'message content rejected';
      const code = dsn?.[1] ?? '5.7.1';
      line('reject', `${code} ${text}`);
      return { verdict: { kind: 'reject', dsn: code, text, phase } };
    }
    case 'WARN':
      line('warning', arg);
      return {};
    case 'INFO':
      line('info', arg);
      return {};
    case 'DISCARD':
      line('discard', arg);
      return { verdict: { kind: 'discard', phase } };
    case 'HOLD':
      line('hold', arg);
      return { verdict: { kind: 'hold' } };
    case 'IGNORE':
      return { ignore: true };
    case 'REDIRECT':
      line('redirect', arg);
      return { redirect: arg.trim() };
    case 'PREPEND':
      line('prepend', arg);
      return { prepend: arg };
    case 'REPLACE':
      line('replace', arg);
      return { replace: arg };
    default:
      return {};
  }
}

function envelope(ctx: ContentCheckContext): string {
  let out = ` from=<${ctx.sender}>`;
  if (ctx.recipient !== undefined) out += ` to=<${ctx.recipient}>`;
  if (ctx.proto) out += ` proto=${ctx.proto}`;
  if (ctx.helo) out += ` helo=<${ctx.helo}>`;
  return out;
}

/** As cleanup logs content: at most 200 characters, anything unprintable (a fold's newline and tab) as "?". */
function printable(content: string): string {
  // eslint-disable-next-line no-control-regex
  return content.slice(0, 200).replace(/[\x00-\x1f\x7f]/g, '?');
}
