/**
 * The statechart shared by Postfix's delivery agents (local, virtual, smtp, bounce): idle while
 * no process works, delivering while at least one does. One actor per agent and host; the
 * deliveries themselves are data.
 */
import { assign, setup } from 'xstate';

export const agentMachine = setup({
  types: {
    context: {} as { busy: number },
    events: {} as { type: 'START' } | { type: 'FINISH' },
  },
  guards: {
    nothingLeft: ({ context }) => context.busy === 0,
  },
}).createMachine({
  id: 'agent',
  context: { busy: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: { START: { target: 'delivering', actions: assign({ busy: ({ context }) => context.busy + 1 }) } },
    },
    delivering: {
      on: {
        START: { actions: assign({ busy: ({ context }) => context.busy + 1 }) },
        FINISH: { actions: assign({ busy: ({ context }) => Math.max(0, context.busy - 1) }) },
      },
      always: { guard: 'nothingLeft', target: 'idle' },
    },
  },
});
