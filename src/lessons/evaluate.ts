/**
 * Evaluates a lesson check against a running engine: configuration as Postfix now uses it,
 * mailboxes, maillog lines, what servers said, terminal output, queues, and what smtpd would
 * decide for a relay attempt.
 */
import type { Engine } from '../sim/engine';
import { postfixOf } from '../sim/services';
import type { LessonCheck } from './types';

export interface CheckResult {
  pass: boolean;
  /** Why not, in words a student can act on (English; the UI may show the check itself). */
  detail: string;
  /** The same reason as a message key and its values, so the page can say it in its language. */
  why?: { key: CheckReason; args: Record<string, string | number> };
}

export type CheckReason =
  | 'noHost'
  | 'noPostfix'
  | 'paramReload'
  | 'param'
  | 'mailboxCount'
  | 'mailboxContains'
  | 'log'
  | 'reply'
  | 'output'
  | 'notRunning'
  | 'stillAccepts'
  | 'wouldAnswer'
  | 'queue';

const ok = (detail = 'done'): CheckResult => ({ pass: true, detail });
const no = (detail: string, key: CheckReason, args: Record<string, string | number>): CheckResult => ({ pass: false, detail, why: { key, args } });

function regex(text: string): RegExp | undefined {
  try {
    return new RegExp(text, 'm');
  } catch {
    return undefined;
  }
}

export function evaluateCheck(engine: Engine, check: LessonCheck): CheckResult {
  if (check.kind === 'all') {
    for (const c of check.checks) {
      const r = evaluateCheck(engine, c);
      if (!r.pass) return r;
    }
    return ok();
  }
  const host = engine.world.host(check.host);
  if (!host) return no(`there is no host ${check.host}`, 'noHost', { host: check.host });
  const events = engine.world.trace.events;
  switch (check.kind) {
    case 'param': {
      const pf = postfixOf(host);
      if (!pf) return no(`${host.name} does not run Postfix`, 'noPostfix', { host: host.name });
      const value = pf.config.get(check.name);
      if (check.equals !== undefined && value !== check.equals) return no(`${check.name} is "${value}" (Postfix uses the value it read at the last start or reload)`, 'paramReload', { name: check.name, value });
      if (check.matches !== undefined && !regex(check.matches)?.test(value)) return no(`${check.name} is "${value}"`, 'param', { name: check.name, value });
      return ok();
    }
    case 'mailbox': {
      const box = host.store.get(check.path);
      const count = box?.size ?? 0;
      if (count < (check.count ?? 1)) return no(`${check.path} holds ${count} message(s)`, 'mailboxCount', { path: check.path, count });
      if (check.contains && !box!.messages.some((m) => m.text.includes(check.contains!))) return no(`no message in ${check.path} contains "${check.contains}"`, 'mailboxContains', { path: check.path, text: check.contains });
      return ok();
    }
    case 'log': {
      const re = regex(check.matches);
      return host.log.lines.some((l) => re?.test(l)) ? ok() : no(`no line of ${host.name}'s maillog matches ${check.matches}`, 'log', { host: host.name, pattern: check.matches });
    }
    case 'reply': {
      const re = regex(check.matches);
      const hit = events.some((e) => e.kind === 'conn.data' && e.dir === 's2c' && e.host === host.name && e.lines.some((l) => re?.test(l)));
      return hit ? ok() : no(`${host.name} has not answered ${check.matches} yet`, 'reply', { host: host.name, pattern: check.matches });
    }
    case 'output': {
      const re = regex(check.matches);
      const hit = events.some((e) => e.kind === 'terminal' && e.host === host.name && e.output.some((l) => re?.test(l)));
      return hit ? ok() : no(`no terminal on ${host.name} has shown ${check.matches}`, 'output', { host: host.name, pattern: check.matches });
    }
    case 'relay': {
      const pf = postfixOf(host);
      if (!pf?.running) return no(`Postfix is not running on ${host.name}`, 'notRunning', { host: host.name });
      const decisions = pf.probeRecipient(check.client, check.recipient);
      const refused = decisions.some((d) => d.verdict === 'reject' || d.verdict === 'defer');
      if (check.expect === 'reject') return refused ? ok() : no(`${host.name} would still accept mail for ${check.recipient} from ${check.client}`, 'stillAccepts', { host: host.name, recipient: check.recipient, client: check.client });
      const reason = decisions.find((d) => d.reply)?.reply ?? '';
      return refused ? no(`${host.name} would answer: ${reason}`, 'wouldAnswer', { host: host.name, reply: reason }) : ok();
    }
    case 'queue': {
      const pf = postfixOf(host);
      const n = pf?.queue.inQueue(check.queue).length ?? 0;
      return n === check.count ? ok() : no(`the ${check.queue} queue of ${host.name} holds ${n} message(s)`, 'queue', { host: host.name, queue: check.queue, count: n });
    }
  }
}
