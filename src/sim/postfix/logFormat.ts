/**
 * Numbers the way Postfix writes them in the maillog: "delay=0.13, delays=0.09/0.01/0/0.03".
 */

/** A duration in seconds with Postfix's precision: whole seconds from 10 s, two digits below. */
export function formatDelay(seconds: number): string {
  if (seconds < 0.01) return '0';
  if (seconds >= 10) return String(Math.round(seconds));
  if (seconds >= 1) return trimZeros(seconds.toFixed(1));
  return trimZeros(seconds.toFixed(2));
}

/** "0.50" -> "0.5", "1.00" -> "1" (as text.replace(/\.?0+$/, ''), without a regular expression on every log line). */
function trimZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
  if (end < text.length && end > 0 && text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end) || '0';
}

export interface DelayParts {
  /** Before the queue manager: from arrival until the message entered the active queue. */
  beforeQmgr: number;
  /** In the queue manager, until a delivery agent took it. */
  inQmgr: number;
  /** Connection setup (DNS, connect, greeting). */
  setup: number;
  /** Transmission. */
  transmission: number;
}

export function formatDelays(p: DelayParts): string {
  const total = p.beforeQmgr + p.inQmgr + p.setup + p.transmission;
  return `delay=${formatDelay(total)}, delays=${[p.beforeQmgr, p.inQmgr, p.setup, p.transmission].map(formatDelay).join('/')}`;
}
