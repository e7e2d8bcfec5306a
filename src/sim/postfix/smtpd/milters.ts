/**
 * smtpd_milters when no milter is running (opendkim or a spam filter not started): there are
 * no milter processes in the simulation, so every one named is unreachable. smtpd says so at
 * each connection, then milter_default_action decides: "tempfail" (the default) answers the
 * client's MAIL with 451 4.7.1 and logs a milter-reject for CONNECT, HELO/EHLO and MAIL;
 * "accept" carries on as if there were no milter.
 */
import type { PostfixConfig } from '../config';

export const MILTER_TEMPFAIL = '451 4.7.1 Service unavailable - try again later';

/** The warnings for the milters smtpd could not reach, as they are logged at connect. */
export function unreachableMilters(config: PostfixConfig): string[] {
  return config.list('smtpd_milters').map((spec) => {
    const why = spec.startsWith('unix:') ? 'No such file or directory' : 'Connection refused';
    return `warning: connect to Milter service ${spec}: ${why}`;
  });
}

/** The reply a session gets instead of the milters' verdicts, or undefined to carry on. */
export function milterFailureReply(config: PostfixConfig): string | undefined {
  if (config.list('smtpd_milters').length === 0) return undefined;
  return config.get('milter_default_action') === 'tempfail' ? MILTER_TEMPFAIL : undefined;
}
