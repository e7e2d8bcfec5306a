/**
 * One POP3 connection: the greeting, then every client line into the statechart. While the
 * auth service takes its time (a failed login waits 2 s) the login process reads nothing, so
 * lines that arrive meanwhile wait in a queue and are handled after the verdict, in order.
 */
import { createActor, type Actor } from 'xstate';
import type { Connection, Peer } from '../../core/network';
import { pop3Machine } from './pop3Machine';
import type { Pop3Services } from './pop3Services';
import type { Pop3SessionState } from './pop3State';

export interface Pop3SessionHooks {
  /** The statechart moved to another state. */
  stateChanged(state: string, event: string): void;
  /** The session is over; the actor has been stopped. */
  ended(): void;
}

export class Pop3Session implements Peer {
  private readonly actor: Actor<typeof pop3Machine>;
  private readonly queue: string[] = [];
  private lastState = '';
  private lastEvent = '';
  private stopped = false;

  constructor(
    readonly conn: Connection,
    readonly state: Pop3SessionState,
    private readonly svc: Pop3Services,
    private readonly hooks: Pop3SessionHooks,
  ) {
    this.actor = createActor(pop3Machine, { input: { svc, state } });
    this.actor.subscribe((snap) => {
      const value = stateName(snap.value);
      if (value !== this.lastState) {
        this.lastState = value;
        hooks.stateChanged(value, this.lastEvent);
      }
    });
    this.actor.start();
  }

  /** Sends the greeting: "+OK Dovecot (Debian) ready." */
  greet(): void {
    this.svc.reply([`+OK ${this.svc.greeting}`]);
  }

  onData(lines: string[]): void {
    this.queue.push(...lines);
    this.drain();
  }

  onClose(): void {
    if (this.stopped) return;
    this.queue.length = 0;
    this.send({ type: 'pop3.lost' }, 'lost');
    this.stop();
  }

  /** The auth service's verdict is due: deliver it, then read on. */
  verdict(): void {
    if (this.stopped) return;
    this.send({ type: 'pop3.verdict' }, 'verdict');
    this.drain();
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.stopped && !this.actor.getSnapshot().hasTag('waiting')) {
      const line = this.queue.shift()!;
      this.send({ type: 'pop3.line', line }, line.split(' ')[0].toUpperCase());
    }
  }

  private send(event: Parameters<Actor<typeof pop3Machine>['send']>[0], label: string): void {
    this.lastEvent = label;
    this.actor.send(event);
    if (this.actor.getSnapshot().status === 'done') this.stop();
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.actor.stop();
    this.hooks.ended();
  }
}

/** "authorization.verifying" for nested states, "transaction" for top-level ones. */
export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [key, inner] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    return key === undefined ? '' : `${key}.${stateName(inner)}`;
  }
  return String(value);
}
