/**
 * One POP3 session as a statechart (RFC 1939): AUTHORIZATION (ready for a command, inside a
 * SASL exchange, or verifying: waiting for the auth service's delayed verdict), TRANSACTION,
 * UPDATE (the QUIT commit) and closed. The handlers decide the replies; the states follow the
 * phase the session state says it is in, so the chart always shows where the client is.
 */
import { setup } from 'xstate';
import { deliverVerdict, loginCommand, loginLost, saslResponse } from './pop3LoginHandlers';
import type { Pop3Services } from './pop3Services';
import type { Pop3SessionState } from './pop3State';
import { transactionCommand, transactionLost, update } from './pop3TransactionHandlers';

export type Pop3Event =
  /** A line from the client. */
  | { type: 'pop3.line'; line: string }
  /** The auth service's delayed verdict is due. */
  | { type: 'pop3.verdict' }
  /** The client closed the connection. */
  | { type: 'pop3.lost' };

export interface Pop3Context {
  svc: Pop3Services;
  s: Pop3SessionState;
}

export interface Pop3Input {
  svc: Pop3Services;
  state: Pop3SessionState;
}

function lineOf(event: Pop3Event): string {
  return event.type === 'pop3.line' ? event.line : '';
}

export const pop3Machine = setup({
  types: {
    context: {} as Pop3Context,
    events: {} as Pop3Event,
    input: {} as Pop3Input,
  },
  actions: {
    loginCommand: ({ context, event }) => loginCommand(context.svc, context.s, lineOf(event)),
    saslResponse: ({ context, event }) => saslResponse(context.svc, context.s, lineOf(event)),
    deliverVerdict: ({ context }) => deliverVerdict(context.svc, context.s),
    transactionCommand: ({ context, event }) => transactionCommand(context.svc, context.s, lineOf(event)),
    loginLost: ({ context }) => loginLost(context.svc, context.s),
    transactionLost: ({ context }) => transactionLost(context.svc, context.s),
    update: ({ context }) => update(context.svc, context.s),
  },
  guards: {
    closed: ({ context }) => context.s.phase === 'closed',
    inTransaction: ({ context }) => context.s.phase === 'transaction',
    inUpdate: ({ context }) => context.s.phase === 'update',
    verifying: ({ context }) => context.s.pendingVerdict !== undefined,
    inSasl: ({ context }) => context.s.auth.waitingForClient,
    notInSasl: ({ context }) => !context.s.auth.waitingForClient,
  },
}).createMachine({
  id: 'pop3',
  context: ({ input }) => ({ svc: input.svc, s: input.state }),
  initial: 'authorization',
  states: {
    authorization: {
      initial: 'ready',
      on: { 'pop3.lost': { target: 'closed', actions: 'loginLost' } },
      always: [
        { guard: 'closed', target: 'closed' },
        { guard: 'inTransaction', target: 'transaction' },
      ],
      states: {
        ready: {
          on: { 'pop3.line': { actions: 'loginCommand' } },
          always: [
            { guard: 'verifying', target: 'verifying' },
            { guard: 'inSasl', target: 'sasl' },
          ],
        },
        sasl: {
          on: { 'pop3.line': { actions: 'saslResponse' } },
          always: [
            { guard: 'verifying', target: 'verifying' },
            { guard: 'notInSasl', target: 'ready' },
          ],
        },
        verifying: {
          tags: ['waiting'],
          on: { 'pop3.verdict': { actions: 'deliverVerdict', target: 'ready' } },
        },
      },
    },
    transaction: {
      on: {
        'pop3.line': { actions: 'transactionCommand' },
        'pop3.lost': { target: 'closed', actions: 'transactionLost' },
      },
      always: [
        { guard: 'inUpdate', target: 'update' },
        { guard: 'closed', target: 'closed' },
      ],
    },
    update: {
      entry: 'update',
      always: { target: 'closed' },
    },
    closed: { type: 'final' },
  },
});
