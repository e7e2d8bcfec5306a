/**
 * The scripted mail client (what the webmail sends with) logs in only when the server offers
 * AUTH after EHLO, as Thunderbird or Roundcube would.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine';
import { lessonById } from '../../../src/lessons';

function clientLines(scenario: unknown, auth: boolean): string[] {
  const engine = new Engine(structuredClone(scenario) as never);
  engine.act({ host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['carol@example.net'], subject: 'hi', body: 'hello', ...(auth ? { auth: { user: 'alice', password: 'wonderland' } } : {}) });
  engine.runUntilQuiet(1_000_000);
  return engine.events(0, 1_000_000).flatMap((e) => (e.kind === 'conn.data' && e.dir === 'c2s' ? e.lines : []));
}

describe('mail client', () => {
  const sasl = lessonById('sasl')!.scenario;

  it('does not send AUTH to a server that does not offer it', () => {
    const lines = clientLines(sasl, true);
    expect(lines.some((l) => l.startsWith('AUTH'))).toBe(false);
    expect(lines.some((l) => l.startsWith('MAIL FROM:'))).toBe(true);
  });

  it('logs in where the server offers AUTH', () => {
    const engine = new Engine(structuredClone(sasl));
    for (const command of ['postconf -e smtpd_sasl_type=dovecot smtpd_sasl_path=private/auth smtpd_sasl_auth_enable=yes', 'postfix reload']) {
      engine.act({ host: 'mail.example.com', action: 'shell', command });
      engine.runUntilQuiet(1_000_000);
    }
    engine.act({ host: 'laptop.example.com', action: 'send', server: 'mail.example.com', from: 'alice@example.com', to: ['carol@example.net'], subject: 'hi', body: 'hello', auth: { user: 'alice', password: 'wonderland' } });
    engine.runUntilQuiet(1_000_000);
    const events = engine.events(0, 1_000_000);
    const sent = events.flatMap((e) => (e.kind === 'conn.data' && e.dir === 'c2s' ? e.lines : []));
    const replies = events.flatMap((e) => (e.kind === 'conn.data' && e.dir === 's2c' ? e.lines : []));
    expect(sent.some((l) => l.startsWith('AUTH PLAIN '))).toBe(true);
    expect(replies).toContain('235 2.7.0 Authentication successful');
  });
});
