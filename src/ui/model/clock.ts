/**
 * The simulated wall clock as the hosts see it: scenario start + virtual time, in the scenario's
 * time zone, e.g. "Apr 13 07:38:06.224".
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(Math.floor(n)).padStart(w, '0');

export function formatClock(startEpoch: number, offsetMinutes: number, t: number, withDate = true): string {
  const d = new Date(startEpoch + t + offsetMinutes * 60_000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return withDate ? `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time}` : time;
}

/** A duration in virtual ms as the timeline shows it: 850 ms, 7.1 s, 5 min 3 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}
