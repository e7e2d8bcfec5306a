/**
 * Whether compare mode is showing, and the scenario it started from. The classroom stays as it
 * was underneath (its worker, its playhead, its terminals), so "back" returns to the lesson
 * where the teacher left it.
 */
import type { Scenario } from '../../sim/scenario/schema';

class CompareMode {
  active = $state(false);
  /** A: the scenario as the classroom had it, with the actions taken live so far. */
  base = $state.raw<Scenario | undefined>(undefined);
  /** B when it is known at opening (a shared comparison); otherwise B starts as a copy of A. */
  variant = $state.raw<Scenario | undefined>(undefined);

  open(base: Scenario, variant?: Scenario): void {
    this.base = base;
    this.variant = variant;
    this.active = true;
  }

  close(): void {
    this.active = false;
  }
}

export const compareMode = new CompareMode();
