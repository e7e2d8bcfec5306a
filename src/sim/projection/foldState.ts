/**
 * The state of the mail system after the first n trace events: what the topology draws (where
 * each queued message is, queue depths, envelopes being received over SMTP, daemon states,
 * hosts switched off). Values are never mutated in place — an update replaces the entry — so a
 * checkpoint is a shallow copy of a few maps, cheap enough to take every couple of thousand
 * events.
 */
import type { QueueName } from '../core/trace';
import type { NodeName, Place } from './places';

/** A queue file, drawn as an envelope at its place. */
export interface MessageToken {
  host: string;
  queueId: string;
  /** Where it is now: cleanup until it reaches a queue, then the queue. */
  node: NodeName;
  /** Where it came from (for the path shown in the inspector and the last move). */
  from: Place;
  /** The event that put it here. */
  seq: number;
  sender: string;
  recipients: number;
  origin: 'smtp' | 'pickup' | 'bounce' | 'forward';
}

/** An SMTP transaction in progress: MAIL FROM was given, no queue id yet. */
export interface PendingEnvelope {
  conn: number;
  client: Place;
  server: Place;
  sender: string;
  seq: number;
}

/** Where an SMTP session stands, to tell commands from message text. */
export interface SmtpParse {
  lastCommand: string;
  /** DATA was sent and not yet answered. */
  awaitingData: boolean;
  /** Between 354 and the final dot. */
  inData: boolean;
}

export interface DaemonState {
  host: string;
  daemon: string;
  instance: string;
  state: string;
  event?: string;
  seq: number;
}

export interface FoldState {
  /** Number of events applied. */
  n: number;
  /** Virtual time of the last applied event. */
  t: number;
  /** host\tqueue -> number of queue files. */
  depth: Map<string, number>;
  /** host\tqueueId -> the queue file. */
  messages: Map<string, MessageToken>;
  /** conn -> envelope being received. */
  pending: Map<number, PendingEnvelope>;
  smtp: Map<number, SmtpParse>;
  /** host\tdaemon\tinstance -> state, for live instances (finished sessions are dropped). */
  daemons: Map<string, DaemonState>;
  /** Hosts switched off (false) or on (true) during the run; absent: as the scenario says. */
  power: Map<string, boolean>;
}

export function emptyFold(): FoldState {
  return {
    n: 0,
    t: 0,
    depth: new Map(),
    messages: new Map(),
    pending: new Map(),
    smtp: new Map(),
    daemons: new Map(),
    power: new Map(),
  };
}

export function cloneFold(s: FoldState): FoldState {
  return {
    n: s.n,
    t: s.t,
    depth: new Map(s.depth),
    messages: new Map(s.messages),
    pending: new Map(s.pending),
    smtp: new Map(s.smtp),
    daemons: new Map(s.daemons),
    power: new Map(s.power),
  };
}

export function queueDepth(s: FoldState, host: string, queue: QueueName): number {
  return s.depth.get(`${host}\t${queue}`) ?? 0;
}
