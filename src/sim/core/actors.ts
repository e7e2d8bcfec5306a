/**
 * Every actor of the engine is created here, so that a benchmark can count the XState
 * transitions the whole engine takes without switching inspection on for everyone else
 * (inspection costs time; the fast path runs without it).
 */
import { createActor, type Actor, type AnyStateMachine, type ActorOptions, type InspectionEvent } from 'xstate';

let counter: { transitions: number } | undefined;

function inspect(event: InspectionEvent): void {
  if (counter && event.type === '@xstate.microstep') counter.transitions += (event as unknown as { _transitions: unknown[] })._transitions.length;
}

export function createSimActor<T extends AnyStateMachine>(machine: T, options?: ActorOptions<T>): Actor<T> {
  return createActor(machine, counter ? { ...options, inspect } : options);
}

/** Starts counting transitions of actors created from now on; stop() returns the count. */
export function countTransitions(): { stop(): number } {
  const mine = { transitions: 0 };
  counter = mine;
  return {
    stop() {
      if (counter === mine) counter = undefined;
      return mine.transitions;
    },
  };
}
