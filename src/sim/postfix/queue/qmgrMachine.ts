/**
 * qmgr's statechart: idle until a file shows up in incoming (or a deferred file is due), then
 * delivering while the active queue holds messages. The work itself — activation, routing,
 * retries — is in the queue manager; the chart is what the UI lights up.
 */
import { setup } from 'xstate';

export interface QmgrWork {
  /** Moves due files (incoming, and deferred ones whose time has come) into active. */
  activate(scanDeferred: boolean): void;
  /** Files in the active queue. */
  activeCount(): number;
  /** A delivery agent finished with some recipients of a file. */
  collect(result: unknown): void;
}

export type QmgrEvent = { type: 'INCOMING' } | { type: 'SCAN' } | { type: 'DONE'; result: unknown };

export const qmgrMachine = setup({
  types: {
    context: {} as { work: QmgrWork },
    events: {} as QmgrEvent,
    input: {} as { work: QmgrWork },
  },
  actions: {
    activateIncoming: ({ context }) => context.work.activate(false),
    activateAll: ({ context }) => context.work.activate(true),
    collect: ({ context, event }) => {
      if (event.type === 'DONE') context.work.collect(event.result);
    },
  },
  guards: {
    hasActive: ({ context }) => context.work.activeCount() > 0,
    activeEmpty: ({ context }) => context.work.activeCount() === 0,
  },
}).createMachine({
  id: 'qmgr',
  context: ({ input }) => ({ work: input.work }),
  initial: 'idle',
  on: {
    INCOMING: { actions: 'activateIncoming' },
    SCAN: { actions: 'activateAll' },
    DONE: { actions: 'collect' },
  },
  states: {
    idle: {
      always: { guard: 'hasActive', target: 'delivering' },
    },
    delivering: {
      always: { guard: 'activeEmpty', target: 'idle' },
    },
  },
});
