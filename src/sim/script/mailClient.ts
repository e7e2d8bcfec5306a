/**
 * A mail client (the MUA: Thunderbird, Outlook, a webmail) sending one message over SMTP:
 * EHLO, AUTH when it has a login, MAIL, RCPT, DATA with the headers a client writes, QUIT.
 */
import { ScriptedConversation, type PlanStep } from '../clients/scriptedConversation';
import { rfc2822 } from '../core/time';
import type { SimHost } from '../host/simHost';
import type { SendMailStep } from '../scenario/schema';
import type { World } from '../world';

const ok = (code: string) => (reply: string[]) => (reply[reply.length - 1] ?? '').startsWith(code);

/** The message a client composes: its own headers, then the text. */
export function composeMessage(host: SimHost, step: SendMailStep, messageId: string): string[] {
  const headers = [
    `Date: ${rfc2822(host.epochNow(), host.zone)}`,
    `From: ${step.from}`,
    `To: ${step.to.join(', ')}`,
    `Subject: ${step.subject ?? ''}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    'User-Agent: mailsim',
  ];
  const body = (step.body ?? '').replace(/\r/g, '').split('\n');
  return [...headers, '', ...body.map((l) => (l.startsWith('.') ? `.${l}` : l))];
}

export function sendMail(world: World, host: SimHost, address: string, step: SendMailStep): void {
  const messageId = `${host.epochNow().toString(36)}.${host.rng.next().toString(36)}@${host.name}`;
  const fast = 1;
  // Like a real MUA, the client logs in only when the server offers AUTH after EHLO.
  let authOffered = false;
  const ehloOk = (reply: string[]) => {
    authOffered = reply.some((l) => /^250[- ]AUTH[ =]/i.test(l));
    return ok('250')(reply);
  };
  const plan: PlanStep[] = [{ lines: [`EHLO ${host.name}`], awaitReply: true, delayMs: fast, check: ehloOk }];
  if (step.auth) {
    const when = () => authOffered;
    const mechanism = (step.auth.mechanism ?? 'PLAIN').toUpperCase();
    if (mechanism === 'LOGIN') {
      plan.push({ lines: ['AUTH LOGIN'], awaitReply: true, delayMs: fast, check: ok('334'), when });
      plan.push({ lines: [base64(step.auth.user)], awaitReply: true, delayMs: fast, check: ok('334'), when });
      plan.push({ lines: [base64(step.auth.password)], awaitReply: true, delayMs: fast, check: ok('235'), when });
    } else {
      plan.push({ lines: [`AUTH PLAIN ${base64(`\0${step.auth.user}\0${step.auth.password}`)}`], awaitReply: true, delayMs: fast, check: ok('235'), when });
    }
  }
  plan.push({ lines: [`MAIL FROM:<${step.from}>`], awaitReply: true, delayMs: fast, check: ok('250') });
  for (const to of step.to) plan.push({ lines: [`RCPT TO:<${to}>`], awaitReply: true, delayMs: fast });
  plan.push({ lines: ['DATA'], awaitReply: true, delayMs: fast, check: ok('354') });
  plan.push({ lines: [...composeMessage(host, step, messageId), '.'], awaitReply: true, delayMs: fast });
  plan.push({ lines: ['QUIT'], awaitReply: true, delayMs: fast });
  new ScriptedConversation(world, { from: host.name, to: address, port: step.port ?? 25, plan, onAbort: ['QUIT'] });
}

/** Base64 of a UTF-8 string, without the platform's btoa (the engine also runs in Node). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += table[(n >> 18) & 63] + table[(n >> 12) & 63];
    out += i + 1 < bytes.length ? table[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? table[n & 63] : '=';
  }
  return out;
}
