/**
 * Why each trace event happened, as an i18n key with arguments: "qmgr moved 9D29380F3D from
 * incoming to active because ...". The texts live in the dictionaries (en, zh-CN); this file only
 * chooses the key and fills in the facts from the event.
 */
import type { TraceEvent } from '../../sim/core/trace';
import { commandWord } from '../../sim/projection/applyEvent';
import type { TraceIndex } from '../../sim/projection/traceIndex';

export interface Explanation {
  key: string;
  args: Record<string, string | number>;
  /** A second sentence (the meaning of an SMTP command or reply class). */
  more?: { key: string; args: Record<string, string | number> };
}

const SMTP_COMMANDS = new Set(['HELO', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT', 'RSET', 'NOOP', 'VRFY', 'AUTH', 'STARTTLS', 'ETRN', 'BDAT']);
/** Queue moves with their own explanation; others get the generic one. */
const QUEUE_MOVES = new Set(['null.incoming', 'null.maildrop', 'maildrop.incoming', 'incoming.active', 'active.deferred', 'deferred.active', 'active.null', 'deferred.null', 'active.hold', 'hold.active']);
const POP3_COMMANDS = new Set(['USER', 'PASS', 'STAT', 'LIST', 'RETR', 'DELE', 'UIDL', 'TOP', 'CAPA']);

function serviceOf(index: TraceIndex, conn: number): string {
  return index.conns.get(conn)?.service ?? 'smtpd';
}

/** The explanation of a client line: the command's meaning, in SMTP or POP3/IMAP terms. */
function commandMore(line: string, service: string): Explanation['more'] {
  if (line === '.') return { key: 'ex.cmd.dot', args: {} };
  const cmd = commandWord(line);
  if ((service === 'smtpd' || service === 'sink') && SMTP_COMMANDS.has(cmd)) return { key: `ex.cmd.${cmd}`, args: {} };
  if (service === 'pop3' && POP3_COMMANDS.has(cmd)) return { key: `ex.pop3.${cmd}`, args: {} };
  if (service === 'imap') {
    const imap = /^\S+\s+([A-Za-z]+)/.exec(line)?.[1]?.toUpperCase();
    if (imap && ['LOGIN', 'SELECT', 'FETCH', 'LOGOUT', 'CAPABILITY', 'AUTHENTICATE', 'LIST', 'STORE', 'EXPUNGE'].includes(imap)) return { key: `ex.imap.${imap}`, args: {} };
  }
  return undefined;
}

function replyMore(line: string): Explanation['more'] {
  const m = /^([1-5])\d\d[ -]/.exec(line);
  if (m) return { key: `ex.reply.${m[1]}`, args: {} };
  if (line.startsWith('+OK')) return { key: 'ex.reply.pop.ok', args: {} };
  if (line.startsWith('-ERR')) return { key: 'ex.reply.pop.err', args: {} };
  return undefined;
}

export function explainEvent(e: TraceEvent, index: TraceIndex): Explanation {
  switch (e.kind) {
    case 'conn.open':
      return { key: 'ex.conn.open', args: { client: e.client.host, service: e.service, server: e.server.host, port: e.server.port } };
    case 'conn.fail':
      return { key: `ex.conn.fail.${e.reason}`, args: { client: e.client.host, address: e.server.address, port: e.server.port } };
    case 'conn.close':
      return { key: `ex.conn.close.${e.by}`, args: { conn: e.conn } };
    case 'conn.data': {
      const c = index.conns.get(e.conn);
      const line = e.lines[0] ?? '';
      const args = { client: c?.client.host ?? '?', server: c?.host ?? '?', service: c?.service ?? '?', line, count: e.lines.length };
      if (e.dir === 'c2s') return { key: 'ex.data.c2s', args, more: commandMore(line, serviceOf(index, e.conn)) };
      return { key: 'ex.data.s2c', args, more: replyMore(e.lines[e.lines.length - 1] ?? line) };
    }
    case 'log':
      return { key: 'ex.log', args: { program: e.program, text: e.text } };
    case 'message':
      return { key: `ex.message.${e.origin}`, args: { queueId: e.queueId, sender: e.envelope.sender || '<>', count: e.envelope.recipients.length, size: e.size } };
    case 'queue': {
      const from = e.from ?? 'null';
      const to = e.to ?? 'null';
      const key = QUEUE_MOVES.has(`${from}.${to}`) ? `ex.queue.${from}.${to}` : 'ex.queue.move';
      return { key, args: { queueId: e.queueId, from: e.from ?? '-', to: e.to ?? '-' } };
    }
    case 'decision': {
      const reason = e.explain?.args?.reason;
      const args = { list: e.list, restriction: e.restriction, subject: e.subject ?? '', client: e.client, reason: reason ?? '', reply: e.reply ?? '', stage: e.stage };
      if (e.explain?.key) return { key: `ex.decision.${e.verdict}`, args, more: { key: e.explain.key, args } };
      return { key: `ex.decision.${e.verdict}`, args };
    }
    case 'alias':
      return { key: 'ex.alias', args: { queueId: e.queueId, address: e.address, targets: e.targets.join(', '), source: e.source } };
    case 'dns.query':
      return { key: 'ex.dns.query', args: { by: e.by, host: e.host, server: e.server, type: e.type, name: e.name } };
    case 'dns.answer':
      return {
        key: e.answers.length > 0 ? 'ex.dns.answer' : e.rcode === 'NOERROR' ? 'ex.dns.nodata' : 'ex.dns.error',
        args: { server: e.server, rcode: e.rcode, name: e.name, type: e.type, answers: e.answers.map((a) => a.split(/\s+/).slice(4).join(' ')).join('; ') },
      };
    case 'sasl':
      return { key: e.ok ? 'ex.sasl.ok' : 'ex.sasl.fail', args: { service: e.service, mechanism: e.mechanism, user: e.user, backend: e.backend } };
    case 'delivery': {
      const args = { queueId: e.queueId, recipient: e.recipient, original: e.original, agent: e.agent, mailbox: e.mailbox ?? '', relay: e.relay, dsn: e.dsn, detail: e.detail };
      if (e.status === 'sent') return { key: e.mailbox ? 'ex.delivery.mailbox' : 'ex.delivery.relay', args };
      return { key: `ex.delivery.${e.status}`, args };
    }
    case 'bounce':
      return { key: 'ex.bounce', args: { queueId: e.queueId, bounceId: e.bounceId, to: e.to || '<>' } };
    case 'daemon':
      return { key: 'ex.daemon', args: { daemon: e.daemon, instance: e.instance, state: e.state, event: e.event ?? '' } };
    case 'mailbox':
      return { key: `ex.mailbox.${e.change}`, args: { mailbox: e.mailbox, user: e.user, count: e.count } };
    case 'terminal':
      return e.input !== undefined ? { key: 'ex.terminal.input', args: { host: e.host, input: e.input } } : { key: 'ex.terminal.output', args: { host: e.host, count: e.output.length } };
    case 'note':
      return { key: 'ex.note', args: { text: e.text } };
    case 'conn.tls':
      return { key: 'ex.conn.tls', args: { conn: e.conn } };
    case 'sql':
      return { key: 'ex.sql', args: { by: e.by, source: e.source, query: e.query, rows: e.rows } };
    default:
      // A kind added to the engine later: still said, if plainly.
      return { key: 'ex.other', args: { kind: (e as { kind: string }).kind } };
  }
}

/** Reasons the engine words in English, said in Chinese. Data (addresses, names) stays as is. */
export function reasonZh(reason: string): string {
  return reason
    .replace(/^(\S+) is in (\S+)$/, '$1 属于 $2')
    .replace(/^(\S+) is not in mynetworks \((.*)\)$/, '$1 不在 mynetworks（$2）中')
    .replace(/^the recipient domain is not local and not in relay_domains$/, '收件人域名既不是本地域，也不在 relay_domains 中');
}
