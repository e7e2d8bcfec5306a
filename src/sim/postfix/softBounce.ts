/**
 * soft_bounce = yes, the safety net a course turns on while it experiments: Postfix turns every
 * permanent refusal into a temporary one, so nothing is lost to a configuration mistake. smtpd
 * answers 4xx with a 4.x.x status where it would have said 5xx (smtpd_check_reject); the
 * delivery agents defer instead of bouncing and log status=SOFTBOUNCE (bounce_append).
 */
import type { PostfixConfig } from './config';

/** A reply as smtpd sends it: "550 5.1.1 ..." becomes "450 4.1.1 ..." under soft_bounce. */
export function softenReply(reply: string, config: PostfixConfig): string {
  if (!config.bool('soft_bounce') || !reply.startsWith('5')) return reply;
  return reply.replace(/^5(\d\d)([ -])(?:5(\.\d{1,3}\.\d{1,3}) )?/, (_m, code: string, sep: string, dsn?: string) => `4${code}${sep}${dsn ? `4${dsn} ` : ''}`);
}

export interface DeliveryStatus {
  status: 'sent' | 'bounced' | 'deferred';
  dsn: string;
  /** What the agent's log line says: status=SOFTBOUNCE for a bounce kept in the queue. */
  logStatus: string;
}

/** A delivery agent's verdict under soft_bounce: a bounce stays in the queue as a deferral. */
export function softBounced(status: DeliveryStatus['status'], dsn: string, config: PostfixConfig): DeliveryStatus {
  if (status !== 'bounced' || !config.bool('soft_bounce')) return { status, dsn, logStatus: status };
  return { status: 'deferred', dsn: dsn.replace(/^5/, '4'), logStatus: 'SOFTBOUNCE' };
}

/** softBounced() for a whole recipient result, as an agent hands it to qmgr. */
export function softBounceResult<R extends { status: DeliveryStatus['status']; dsn: string }>(r: R, config: PostfixConfig): { result: R; logStatus: string } {
  const soft = softBounced(r.status, r.dsn, config);
  return { result: { ...r, status: soft.status, dsn: soft.dsn }, logStatus: soft.logStatus };
}
