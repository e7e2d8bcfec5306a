/**
 * The differences between two runs of one scenario (A and its variant B): SMTP replies, the
 * restriction decisions behind them, where each message went, connections that happened in one
 * run only, and maillog lines. Pure: two trace indexes in, plain data out — the compare view
 * marks the events it lists and turns the counts into a summary.
 *
 * Connections are paired by who talked to whom, in order; within a pair, exchanges are paired by
 * the client's command, so a reply that differs is one the same command got answered otherwise.
 */
import type { DecisionEvent } from '../../sim/core/trace';
import type { ConnRecord, TraceIndex } from '../../sim/projection/traceIndex';
import { exchangesOf, type Exchange } from './exchanges';
import { journeysOf, outcomeSignature, routeSignature, type Journey } from './journeys';
import { maskFor, type Mask } from './runMask';
import { alignSequences } from './sequenceAlign';
import type { Side } from './side';

/** How an event of one run relates to the other run. */
export interface Mark {
  kind: 'differs' | 'only';
  /** What the other run has in its place (a reply, a decision). */
  other?: string;
}

/** Trace positions (seq) of the same difference in each run; one side is missing for "only in". */
export interface Where {
  a?: number;
  b?: number;
}

export interface ReplyDifference {
  /** The command both runs sent ('' for the greeting), or the one run's command. */
  command: string;
  a?: Exchange;
  b?: Exchange;
  at: Where;
}

export interface DecisionDifference {
  a?: DecisionEvent;
  b?: DecisionEvent;
  at: Where;
}

export interface JourneyDifference {
  kind: 'outcome' | 'route' | 'only';
  sender: string;
  recipient: string;
  a?: Journey;
  b?: Journey;
  at: Where;
}

export interface ConnDifference {
  side: Side;
  conn: ConnRecord;
  at: Where;
}

export interface CompareDiff {
  replies: ReplyDifference[];
  decisions: DecisionDifference[];
  journeys: JourneyDifference[];
  conns: ConnDifference[];
  /** Maillog lines (seqs) with no equal line in the other run. */
  logs: { a: number[]; b: number[] };
  /** Every marked event, by seq, per run. */
  marks: { a: Map<number, Mark>; b: Map<number, Mark> };
  /** Journeys of each run, for the outcomes table. */
  journeyList: { a: Journey[]; b: Journey[] };
}

const connKey = (c: ConnRecord) => `${c.client.host}>${c.host}:${c.server.port}/${c.service}`;
const lastLine = (lines: readonly string[]) => lines[lines.length - 1] ?? '';

export function compareRuns(a: TraceIndex, b: TraceIndex): CompareDiff {
  const job = compareRunsGradually(a, b);
  for (;;) {
    const step = job.next();
    if (step.done) return step.value;
  }
}

/** Connections compared between two pauses of the gradual comparison. */
const CONNS_PER_SLICE = 100;

/**
 * The same comparison in slices: the page runs a few each frame, so that comparing two
 * 10,000-message runs never freezes it. Each `yield` is a place to pause.
 */
export function* compareRunsGradually(a: TraceIndex, b: TraceIndex): Generator<void, CompareDiff> {
  const mask = maskFor(a, b);
  const journeysA = journeysOf(a);
  yield;
  const journeysB = journeysOf(b);
  yield;
  const diff: CompareDiff = {
    replies: [],
    decisions: [],
    journeys: [],
    conns: [],
    logs: { a: [], b: [] },
    marks: { a: new Map(), b: new Map() },
    journeyList: { a: journeysA, b: journeysB },
  };
  const connPairs = yield* compareConnections(a, b, mask, diff);
  compareDecisions(a, b, connPairs, diff);
  yield;
  compareJourneys(diff);
  yield;
  compareLogs(a, b, mask, diff);
  return diff;
}

/** Pairs connections, compares their exchanges; returns B's connection id -> A's for paired ones. */
function* compareConnections(a: TraceIndex, b: TraceIndex, mask: Mask, diff: CompareDiff): Generator<void, Map<number, number>> {
  const connsA = a.connOrder.map((id) => a.conns.get(id)!);
  const connsB = b.connOrder.map((id) => b.conns.get(id)!);
  const aligned = alignSequences(connsA.map(connKey), connsB.map(connKey));
  const pairs = new Map<number, number>();
  let done = 0;
  for (const [i, j] of aligned.pairs) {
    pairs.set(connsB[j].id, connsA[i].id);
    compareExchanges(exchangesOf(a.events, connsA[i]), exchangesOf(b.events, connsB[j]), mask, diff);
    if (++done % CONNS_PER_SLICE === 0) yield;
  }
  for (const [side, list, index] of [['a', aligned.onlyA.map((i) => connsA[i]), a], ['b', aligned.onlyB.map((j) => connsB[j]), b]] as const) {
    for (const conn of list) {
      diff.conns.push({ side, conn, at: { [side]: conn.openSeq } });
      for (const seq of conn.seqs) if (index.events[seq].kind !== 'conn.close') diff.marks[side].set(seq, { kind: 'only' });
    }
  }
  return pairs;
}

function compareExchanges(xa: Exchange[], xb: Exchange[], mask: Mask, diff: CompareDiff): void {
  const aligned = alignSequences(
    xa.map((x) => mask(x.command)),
    xb.map((x) => mask(x.command)),
  );
  for (const [i, j] of aligned.pairs) {
    const ea = xa[i];
    const eb = xb[j];
    if (mask(ea.reply.join('\n')) === mask(eb.reply.join('\n'))) continue;
    diff.replies.push({ command: ea.command, a: ea, b: eb, at: { a: ea.replySeq ?? ea.commandSeq, b: eb.replySeq ?? eb.commandSeq } });
    if (ea.replySeq !== undefined) diff.marks.a.set(ea.replySeq, { kind: 'differs', other: lastLine(eb.reply) });
    if (eb.replySeq !== undefined) diff.marks.b.set(eb.replySeq, { kind: 'differs', other: lastLine(ea.reply) });
  }
  for (const [side, list] of [['a', aligned.onlyA.map((i) => xa[i])], ['b', aligned.onlyB.map((j) => xb[j])]] as const) {
    for (const x of list) {
      diff.replies.push({ command: x.command, [side]: x, at: { [side]: x.replySeq ?? x.commandSeq } });
      if (x.commandSeq !== undefined && !diff.marks[side].has(x.commandSeq)) diff.marks[side].set(x.commandSeq, { kind: 'only' });
      if (x.replySeq !== undefined) diff.marks[side].set(x.replySeq, { kind: 'only' });
    }
  }
}

function decisionText(d: DecisionEvent): string {
  return `${d.list}: ${d.restriction} → ${d.verdict}`;
}

/**
 * Decisions are paired by host, (paired) connection, stage, restriction list and subject; a
 * pair differs when another restriction decided or the verdict changed. A "no decision" (dunno)
 * present in one run only is not a difference: evaluation just stopped earlier in the other.
 */
function compareDecisions(a: TraceIndex, b: TraceIndex, connPairs: Map<number, number>, diff: CompareDiff): void {
  const key = (d: DecisionEvent, conn: string) => `${d.host}|${conn}|${d.stage}|${d.list}|${d.subject ?? ''}|${d.client}`;
  const da = a.decisions.map((s) => a.events[s] as DecisionEvent);
  const db = b.decisions.map((s) => b.events[s] as DecisionEvent);
  const aligned = alignSequences(
    da.map((d) => key(d, String(d.conn ?? ''))),
    db.map((d) => key(d, d.conn === undefined ? '' : String(connPairs.get(d.conn) ?? `b${d.conn}`))),
  );
  for (const [i, j] of aligned.pairs) {
    const x = da[i];
    const y = db[j];
    if (x.verdict === y.verdict && x.restriction === y.restriction) continue;
    diff.decisions.push({ a: x, b: y, at: { a: x.seq, b: y.seq } });
    diff.marks.a.set(x.seq, { kind: 'differs', other: decisionText(y) });
    diff.marks.b.set(y.seq, { kind: 'differs', other: decisionText(x) });
  }
  for (const [side, list] of [['a', aligned.onlyA.map((i) => da[i])], ['b', aligned.onlyB.map((j) => db[j])]] as const) {
    for (const d of list) {
      if (d.verdict === 'dunno') continue;
      diff.decisions.push({ [side]: d, at: { [side]: d.seq } });
      diff.marks[side].set(d.seq, { kind: 'only' });
    }
  }
}

function compareJourneys(diff: CompareDiff): void {
  const byKey = new Map<string, { a?: Journey; b?: Journey }>();
  for (const j of diff.journeyList.a) byKey.set(j.key, { a: j });
  for (const j of diff.journeyList.b) byKey.set(j.key, { ...byKey.get(j.key), b: j });
  for (const { a, b } of byKey.values()) {
    const any = (a ?? b)!;
    const decisive = (j?: Journey) => (j ? Math.min(...j.outcomes.map((o) => o.seq), Infinity) : undefined);
    const at: Where = { a: decisive(a), b: decisive(b) };
    if (!a || !b) diff.journeys.push({ kind: 'only', sender: any.sender, recipient: any.recipient, a, b, at });
    else if (outcomeSignature(a) !== outcomeSignature(b)) diff.journeys.push({ kind: 'outcome', sender: a.sender, recipient: a.recipient, a, b, at });
    else if (routeSignature(a) !== routeSignature(b)) diff.journeys.push({ kind: 'route', sender: a.sender, recipient: a.recipient, a, b, at });
  }
}

function compareLogs(a: TraceIndex, b: TraceIndex, mask: Mask, diff: CompareDiff): void {
  const key = (index: TraceIndex, seq: number) => {
    const e = index.events[seq];
    return e.kind === 'log' ? `${e.host} ${e.program}: ${mask(e.text)}` : '';
  };
  const aligned = alignSequences(
    a.logs.map((s) => key(a, s)),
    b.logs.map((s) => key(b, s)),
  );
  diff.logs.a = aligned.onlyA.map((i) => a.logs[i]);
  diff.logs.b = aligned.onlyB.map((j) => b.logs[j]);
  for (const seq of diff.logs.a) diff.marks.a.set(seq, { kind: 'only' });
  for (const seq of diff.logs.b) diff.marks.b.set(seq, { kind: 'only' });
}

/** True when the two runs told the same story. */
export function runsAgree(diff: CompareDiff): boolean {
  return diff.replies.length + diff.decisions.length + diff.journeys.length + diff.conns.length + diff.logs.a.length + diff.logs.b.length === 0;
}
