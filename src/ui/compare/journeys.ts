/**
 * Where each message went: for every (envelope sender, recipient) a client submitted, the hosts
 * it passed and how it ended — in a mailbox, relayed out of the simulated world, bounced,
 * deferred, refused during the SMTP dialogue, or still queued. Compare mode pairs these between
 * two runs to say "1 message delivered in A but rejected in B".
 *
 * A journey starts where a message enters the mail system: an SMTP transaction from a user's
 * client (telnet, a MUA), a local submission (sendmail → pickup), a bounce or a forward. When
 * Postfix's own smtp client hands it to the next host, the journey continues there.
 */
import type { DeliveryEvent, MessageEvent } from '../../sim/core/trace';
import type { TraceIndex } from '../../sim/projection/traceIndex';
import { exchangesOf, speaksSmtp } from './exchanges';

export type OutcomeKind = 'delivered' | 'relayed' | 'bounced' | 'deferred' | 'rejected' | 'queued';

export interface Outcome {
  kind: OutcomeKind;
  /** The host where it ended (or that refused it). */
  host: string;
  /** A mailbox path, the relay it went to, or the reply / reason. */
  detail: string;
  /** The recipient as the delivering host saw it (after alias expansion). */
  recipient: string;
  /** The event that decided it. */
  seq: number;
}

export interface Journey {
  /** sender, recipient and which of that pair's messages (the 2nd time alice writes to bob...). */
  key: string;
  sender: string;
  recipient: string;
  /** The client host first, then each host that took it (or refused it), with the event. */
  route: { host: string; seq: number }[];
  outcomes: Outcome[];
  firstSeq: number;
}

interface Fact {
  seq: number;
  run: () => void;
}

const MAIL_FROM = /^mail from:\s*(?:<([^>]*)>|(\S*))/i;
const RCPT_TO = /^rcpt to:\s*(?:<([^>]*)>|(\S*))/i;
const RELAY_AGENTS = new Set(['smtp', 'lmtp', 'relay']);

const lower = (s: string) => s.toLowerCase();
const code = (reply: readonly string[]) => Number((reply[reply.length - 1] ?? '').slice(0, 3)) || 0;

export function journeysOf(index: TraceIndex): Journey[] {
  const events = index.events;
  const journeys: Journey[] = [];
  const occurrences = new Map<string, number>();
  const latest = new Map<string, Journey>();
  /** conn -> recipient (as in RCPT TO, lower case) -> journey, until the message is queued. */
  const pending = new Map<number, Map<string, Journey>>();
  /** host \t queueId \t recipient -> journey */
  const queued = new Map<string, Journey>();
  const outcomes = new Map<Journey, Map<string, Outcome>>();
  const facts: Fact[] = [];

  const start = (sender: string, recipient: string, seq: number): Journey => {
    const base = `${lower(sender)}\u0000${lower(recipient)}`;
    const n = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, n);
    const journey: Journey = { key: `${base}\u0000${n}`, sender, recipient, route: [], outcomes: [], firstSeq: seq };
    journeys.push(journey);
    latest.set(base, journey);
    outcomes.set(journey, new Map());
    return journey;
  };
  const continueOrStart = (sender: string, recipient: string, seq: number) => latest.get(`${lower(sender)}\u0000${lower(recipient)}`) ?? start(sender, recipient, seq);
  const pass = (journey: Journey, host: string, seq: number) => {
    if (journey.route[journey.route.length - 1]?.host !== host) journey.route.push({ host, seq });
  };
  const settle = (journey: Journey, outcome: Outcome) => outcomes.get(journey)!.set(`${outcome.host}\t${lower(outcome.recipient)}`, outcome);

  // SMTP transactions: who sent what to whom, and what the server said to each recipient.
  for (const id of index.connOrder) {
    const conn = index.conns.get(id)!;
    if (!speaksSmtp(conn.service)) continue;
    const fromUser = conn.clientNode !== 'smtp';
    let sender = '';
    let accepted: string[] = [];
    for (const x of exchangesOf(events, conn)) {
      const mail = MAIL_FROM.exec(x.command);
      const rcpt = RCPT_TO.exec(x.command);
      const seq = x.replySeq ?? x.commandSeq ?? conn.openSeq;
      if (mail) {
        sender = mail[1] ?? mail[2] ?? '';
        accepted = [];
      } else if (rcpt) {
        const recipient = rcpt[1] ?? rcpt[2] ?? '';
        const reply = x.reply;
        const from = sender;
        const ok = code(reply) > 0 && code(reply) < 400;
        if (ok) accepted.push(recipient);
        facts.push({
          seq,
          run: () => {
            const journey = fromUser ? start(from, recipient, seq) : continueOrStart(from, recipient, seq);
            if (fromUser) pass(journey, conn.client.host, conn.openSeq);
            pass(journey, conn.host, seq);
            if (ok) {
              if (!pending.has(id)) pending.set(id, new Map());
              pending.get(id)!.set(lower(recipient), journey);
            } else if (fromUser && reply.length > 0) {
              // A refusal to Postfix's own smtp client shows up as that client's delivery status.
              settle(journey, { kind: 'rejected', host: conn.host, detail: reply[reply.length - 1], recipient, seq });
            }
          },
        });
      } else if (x.command === '.' || /^(rset|quit)$/i.test(x.command)) {
        const refused = x.command === '.' && code(x.reply) >= 400;
        const reply = x.reply[x.reply.length - 1] ?? '';
        const recipients = accepted;
        accepted = [];
        if (!refused || !fromUser) continue;
        facts.push({
          seq,
          run: () => {
            for (const r of recipients) {
              const journey = pending.get(id)?.get(lower(r));
              if (journey) settle(journey, { kind: 'rejected', host: conn.host, detail: reply, recipient: r, seq });
            }
          },
        });
      }
    }
  }

  for (const e of events) {
    if (e.kind === 'message') facts.push({ seq: e.seq, run: () => onMessage(e) });
    else if (e.kind === 'delivery') facts.push({ seq: e.seq, run: () => onDelivery(e) });
  }

  function onMessage(e: MessageEvent): void {
    const conn = index.message(e.host, e.queueId)?.conn;
    const parent = e.parent ? queuedJourneys(e.host, e.parent) : [];
    for (const r of e.envelope.recipients) {
      let journey: Journey | undefined;
      if (conn !== undefined) journey = pending.get(conn)?.get(lower(r.original)) ?? pending.get(conn)?.get(lower(r.address));
      if (!journey && e.origin === 'forward' && parent.length > 0) journey = parent[0];
      journey ??= start(e.envelope.sender, r.original, e.seq);
      pass(journey, e.host, e.seq);
      queued.set(`${e.host}\t${e.queueId}\t${lower(r.address)}`, journey);
      queued.set(`${e.host}\t${e.queueId}\t${lower(r.original)}`, journey);
    }
  }

  function queuedJourneys(host: string, queueId: string): Journey[] {
    const prefix = `${host}\t${queueId}\t`;
    const out: Journey[] = [];
    for (const [k, j] of queued) if (k.startsWith(prefix) && !out.includes(j)) out.push(j);
    return out;
  }

  function onDelivery(e: DeliveryEvent): void {
    const journey = queued.get(`${e.host}\t${e.queueId}\t${lower(e.recipient)}`) ?? queued.get(`${e.host}\t${e.queueId}\t${lower(e.original)}`);
    if (!journey) return;
    const kind: OutcomeKind =
      e.status === 'deferred' ? 'deferred' : e.status === 'sent' ? (RELAY_AGENTS.has(e.agent) && !e.mailbox ? 'relayed' : 'delivered') : 'bounced';
    const detail = kind === 'delivered' ? (e.mailbox ?? e.agent) : kind === 'relayed' ? e.relay : e.detail;
    settle(journey, { kind, host: e.host, detail, recipient: e.recipient, seq: e.seq });
  }

  facts.sort((x, y) => x.seq - y.seq);
  for (const f of facts) f.run();

  for (const journey of journeys) {
    const later = new Set(journey.route.map((r) => r.host));
    const list = [...outcomes.get(journey)!.values()]
      // Handed to a host of this world: the journey went on there, it did not end.
      .filter((o) => !(o.kind === 'relayed' && later.has(relayHost(o.detail)) && relayHost(o.detail) !== o.host))
      .sort((x, y) => x.seq - y.seq);
    const last = journey.route[journey.route.length - 1];
    journey.outcomes = list.length > 0 ? list : last ? [{ kind: 'queued', host: last.host, detail: '', recipient: journey.recipient, seq: last.seq }] : [];
  }
  return journeys;
}

/** "mx.example.net[203.0.113.25]:25" -> "mx.example.net" */
export function relayHost(relay: string): string {
  const i = relay.indexOf('[');
  return i < 0 ? relay : relay.slice(0, i);
}

/** What is compared between two runs: how it ended and where, not the wording of the reason. */
export function outcomeSignature(journey: Journey): string {
  return [...new Set(journey.outcomes.map((o) => `${o.kind} ${o.host} ${o.kind === 'delivered' ? o.detail : o.kind === 'relayed' ? relayHost(o.detail) : ''}`))].sort().join('; ');
}

export function routeSignature(journey: Journey): string {
  return journey.route.map((r) => r.host).join(' > ');
}

/** The outcome kinds of a journey, most final first, for a one-word summary. */
export function outcomeKinds(journey: Journey): OutcomeKind[] {
  return [...new Set(journey.outcomes.map((o) => o.kind))];
}
