/**
 * "Do it for me": a step's intended solution run as live actions, exactly as if the student had
 * typed them — recorded, replayed after a reload, carried in a shared link. Lines are spaced in
 * virtual time as a person types them, so each server answers before the next line arrives.
 */
import type { LiveAction } from '../../sim/scenario/schema';
import type { AppState } from '../state/app.svelte';

/** Virtual ms between two actions: enough for a server to answer a typed line (as the lesson tests settle). */
export const SOLUTION_GAP = 3000;

export async function applySolution(app: AppState, actions: readonly LiveAction[]): Promise<boolean> {
  if (actions.length === 0) {
    // A step that asks only to watch: play on.
    app.player.play();
    return true;
  }
  const typedOn = actions.find((a) => a.action === 'shell');
  if (typedOn) app.terminals.open(typedOn.host);
  let at = app.player.goLive();
  for (const action of actions) {
    const ranAt = await app.session.act(structuredClone(action), at);
    if (ranAt === undefined) return false;
    at = ranAt + SOLUTION_GAP;
  }
  return true;
}
