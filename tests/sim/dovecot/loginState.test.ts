import { describe, expect, it } from 'vitest';
import { LoginState } from '../../../src/sim/dovecot/loginState';
import { dovecotSessionId } from '../../../src/sim/dovecot/sessionId';

const client = { rip: '127.0.0.1', lip: '127.0.0.1', secured: true, session: 'S' };

describe('LoginState disconnect reasons (client_get_extra_disconnect_reason)', () => {
  it('no attempts', () => {
    const l = new LoginState(client, 0);
    expect(l.disconnectLine('Aborted login by logging out', 1500)).toBe(
      'Disconnected: Aborted login by logging out (no auth attempts in 1 secs): user=<>, rip=127.0.0.1, lip=127.0.0.1, secured, session=<S>',
    );
  });

  it('a failed attempt counts its seconds from the first attempt', () => {
    const l = new LoginState({ ...client, secured: false, rip: '10.0.0.9' }, 0);
    l.attempt('PLAIN', 'alice', 5000);
    l.failedAttempts++;
    expect(l.disconnectLine('Aborted login by logging out', 7000)).toBe(
      'Disconnected: Aborted login by logging out (auth failed, 1 attempts in 2 secs): user=<alice>, method=PLAIN, rip=10.0.0.9, lip=127.0.0.1, session=<S>',
    );
  });

  it.each([
    ['waiting for the client', (l: LoginState) => (l.waitingForClient = true), "client didn't finish SASL auth, waited 0 secs"],
    ['waiting for the auth service', (l: LoginState) => (l.authenticating = true), 'disconnected while authenticating, waited 0 secs'],
    ['aborted', (l: LoginState) => (l.aborted = true), 'aborted authentication'],
    ['invalid base64', (l: LoginState) => (l.lastFail = 'invalid-base64'), 'sent invalid base64 in response'],
    ['unsupported mechanism', (l: LoginState) => (l.lastFail = 'mech-invalid'), 'tried to use unsupported auth mechanism'],
  ])('one attempt, %s', (_, setup, reason) => {
    const l = new LoginState(client, 0);
    l.attempt('LOGIN', undefined, 0);
    setup(l);
    expect(l.disconnectLine('Connection closed', 0)).toContain(`(${reason})`);
  });

  it('the login line', () => {
    const l = new LoginState(client, 0);
    l.attempt('LOGIN', 'alice', 0);
    expect(l.loginLine('alice', 4242)).toBe('Login: user=<alice>, method=LOGIN, rip=127.0.0.1, lip=127.0.0.1, mpid=4242, secured, session=<S>');
  });
});

describe('dovecotSessionId', () => {
  it('time, port and address in base64 (every id from 127.0.0.1 ends in /AAAB)', () => {
    const id = dovecotSessionId(Date.parse('2024-01-01T09:00:00Z'), 123, 40000, '127.0.0.1');
    expect(id).toHaveLength(16);
    expect(id.endsWith('/AAAB')).toBe(true);
  });
});
