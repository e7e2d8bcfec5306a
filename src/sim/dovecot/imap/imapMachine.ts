/**
 * One IMAP session as a statechart (RFC 3501 section 3): not authenticated (ready, inside an
 * AUTHENTICATE exchange, or verifying: waiting for the auth service's delayed verdict),
 * authenticated, selected, and logout. The handlers decide the replies; the states follow the
 * phase the session state says it is in.
 */
import { setup } from 'xstate';
import { deliverVerdict, loginCommand, loginLost, saslResponse } from './imapLoginHandlers';
import { postLoginCommand, processLost } from './imapProcess';
import type { ImapServices } from './imapServices';
import type { ImapSessionState } from './imapState';

export type ImapEvent =
  /** A complete command (literals included) from the client. */
  | { type: 'imap.command'; text: string }
  /** A line answering an AUTHENTICATE challenge. */
  | { type: 'imap.sasl'; line: string }
  /** The auth service's delayed verdict is due. */
  | { type: 'imap.verdict' }
  /** The client closed the connection. */
  | { type: 'imap.lost' };

export interface ImapContext {
  svc: ImapServices;
  s: ImapSessionState;
}

export interface ImapInput {
  svc: ImapServices;
  state: ImapSessionState;
}

function textOf(event: ImapEvent): string {
  if (event.type === 'imap.command') return event.text;
  if (event.type === 'imap.sasl') return event.line;
  return '';
}

export const imapMachine = setup({
  types: {
    context: {} as ImapContext,
    events: {} as ImapEvent,
    input: {} as ImapInput,
  },
  actions: {
    loginCommand: ({ context, event }) => loginCommand(context.svc, context.s, textOf(event)),
    saslResponse: ({ context, event }) => saslResponse(context.svc, context.s, textOf(event)),
    deliverVerdict: ({ context }) => deliverVerdict(context.svc, context.s),
    loginLost: ({ context }) => loginLost(context.svc, context.s),
    command: ({ context, event }) => postLoginCommand(context.svc, context.s, textOf(event)),
    processLost: ({ context }) => processLost(context.svc, context.s),
  },
  guards: {
    loggedOut: ({ context }) => context.s.phase === 'logout',
    authenticated: ({ context }) => context.s.phase === 'authenticated',
    selected: ({ context }) => context.s.phase === 'selected',
    verifying: ({ context }) => context.s.pendingVerdict !== undefined,
    inSasl: ({ context }) => context.s.auth.waitingForClient,
    notInSasl: ({ context }) => !context.s.auth.waitingForClient,
  },
}).createMachine({
  id: 'imap',
  context: ({ input }) => ({ svc: input.svc, s: input.state }),
  initial: 'notAuthenticated',
  states: {
    notAuthenticated: {
      initial: 'ready',
      on: { 'imap.lost': { target: 'logout', actions: 'loginLost' } },
      always: [
        { guard: 'loggedOut', target: 'logout' },
        { guard: 'authenticated', target: 'authenticated' },
      ],
      states: {
        ready: {
          on: { 'imap.command': { actions: 'loginCommand' } },
          always: [
            { guard: 'verifying', target: 'verifying' },
            { guard: 'inSasl', target: 'sasl' },
          ],
        },
        sasl: {
          tags: ['sasl'],
          on: { 'imap.sasl': { actions: 'saslResponse' } },
          always: [
            { guard: 'verifying', target: 'verifying' },
            { guard: 'notInSasl', target: 'ready' },
          ],
        },
        verifying: {
          tags: ['waiting'],
          on: { 'imap.verdict': { actions: 'deliverVerdict', target: 'ready' } },
        },
      },
    },
    authenticated: {
      on: {
        'imap.command': { actions: 'command' },
        'imap.lost': { target: 'logout', actions: 'processLost' },
      },
      always: [
        { guard: 'loggedOut', target: 'logout' },
        { guard: 'selected', target: 'selected' },
      ],
    },
    selected: {
      on: {
        'imap.command': { actions: 'command' },
        'imap.lost': { target: 'logout', actions: 'processLost' },
      },
      always: [
        { guard: 'loggedOut', target: 'logout' },
        { guard: 'authenticated', target: 'authenticated' },
      ],
    },
    logout: { type: 'final' },
  },
});
