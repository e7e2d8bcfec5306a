/**
 * Dovecot's brakes on password guessing (auth-request-handler.c, auth-penalty.c): every failed
 * login is answered only after auth_failure_delay (2 s), and an address that failed recently
 * waits before its next attempt is even looked at: 2 s << penalty (4, 8, 15 s at most). A
 * success clears the penalty, and 15 s without failures make it irrelevant.
 */

export const AUTH_FAILURE_DELAY_MS = 2000;
const PENALTY_INIT_SECS = 2;
const PENALTY_MAX_SECS = 15;
const PENALTY_MAX = 4;

interface PenaltyEntry {
  penalty: number;
  /** Virtual ms of the last failure. */
  lastFailure: number;
}

/** The wait for a given penalty: 2 s doubled `penalty` times, at most 15 s. */
export function penaltySeconds(penalty: number): number {
  return Math.min(PENALTY_INIT_SECS * 2 ** penalty, PENALTY_MAX_SECS);
}

export class AuthPenalty {
  private readonly byAddress = new Map<string, PenaltyEntry>();

  /** The penalty an address has now, after the decay anvil applies as time passes. */
  current(address: string | undefined, now: number): number {
    const entry = address !== undefined ? this.byAddress.get(address) : undefined;
    if (!entry) return 0;
    let penalty = entry.penalty;
    // auth_penalty_anvil_callback: drop one step for each threshold the elapsed time passes,
    // starting from the largest; short of the first threshold nothing drops.
    let drop = PENALTY_MAX;
    const elapsedSecs = Math.floor((now - entry.lastFailure) / 1000);
    while (penalty > 0 && elapsedSecs >= penaltySeconds(drop)) {
      drop--;
      penalty--;
    }
    return penalty;
  }

  /** How long a new attempt from `address` waits before the auth server looks at it. */
  delayMs(address: string | undefined, now: number): number {
    const penalty = this.current(address, now);
    return penalty > 0 ? penaltySeconds(penalty) * 1000 : 0;
  }

  failed(address: string | undefined, now: number): void {
    if (address === undefined) return;
    const penalty = Math.min(this.current(address, now) + 1, PENALTY_MAX);
    this.byAddress.set(address, { penalty, lastFailure: now });
  }

  succeeded(address: string | undefined): void {
    if (address !== undefined) this.byAddress.delete(address);
  }
}
