/**
 * One IMAP connection: the greeting, then the client's lines cut into commands (literals and
 * their "+ OK" invitations included) or, inside AUTHENTICATE, passed on as SASL responses.
 * While the auth service takes its time the login process reads nothing: lines wait in a queue.
 */
import { createActor, type Actor } from 'xstate';
import type { Connection, Peer } from '../../core/network';
import { stateName } from '../pop3/pop3Session';
import { appendPrecheck } from './imapAppend';
import { greeting } from './imapLoginHandlers';
import { imapMachine, type ImapEvent } from './imapMachine';
import { ImapCommandReader } from './imapReader';
import type { ImapServices } from './imapServices';
import type { ImapSessionState } from './imapState';

export interface ImapSessionHooks {
  stateChanged(state: string, event: string): void;
  ended(): void;
}

export class ImapSession implements Peer {
  private readonly actor: Actor<typeof imapMachine>;
  private readonly queue: string[] = [];
  private readonly reader: ImapCommandReader;
  private lastState = '';
  private lastEvent = '';
  private stopped = false;

  constructor(
    readonly conn: Connection,
    readonly state: ImapSessionState,
    private readonly svc: ImapServices,
    private readonly hooks: ImapSessionHooks,
  ) {
    this.reader = new ImapCommandReader((partial) => {
      const refusal = appendPrecheck(svc, state, partial);
      svc.reply([refusal ?? '+ OK']);
      return refusal === undefined;
    });
    this.actor = createActor(imapMachine, { input: { svc, state } });
    this.actor.subscribe((snap) => {
      const value = stateName(snap.value);
      if (value !== this.lastState) {
        this.lastState = value;
        hooks.stateChanged(value, this.lastEvent);
      }
    });
    this.actor.start();
  }

  greet(): void {
    this.svc.reply([greeting(this.svc)]);
  }

  onData(lines: string[]): void {
    this.queue.push(...lines);
    this.drain();
  }

  onClose(): void {
    if (this.stopped) return;
    this.queue.length = 0;
    this.send({ type: 'imap.lost' }, 'lost');
    this.stop();
  }

  verdict(): void {
    if (this.stopped) return;
    this.send({ type: 'imap.verdict' }, 'verdict');
    this.drain();
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.stopped) {
      const snap = this.actor.getSnapshot();
      if (snap.hasTag('waiting')) return;
      const line = this.queue.shift()!;
      if (snap.hasTag('sasl') && !this.reader.pending) {
        this.send({ type: 'imap.sasl', line }, 'sasl');
        continue;
      }
      const command = this.reader.push(line);
      if (command !== undefined) this.send({ type: 'imap.command', text: command }, commandName(command));
    }
  }

  private send(event: ImapEvent, label: string): void {
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

/** "a1 UID FETCH ..." -> "UID FETCH", for the trace. */
function commandName(text: string): string {
  const words = text.split(/[ \r\n]/);
  const name = (words[1] ?? '').toUpperCase();
  return name === 'UID' ? `UID ${(words[2] ?? '').toUpperCase()}` : name;
}
