/**
 * How long a POP3 command line may be (recorded from Dovecot 2.3.19, tests/conformance/recorded2):
 * pop3-login reads into 1024 bytes, the pop3 process after login into 2048.
 */
import { describe, expect, it } from 'vitest';
import { session } from '../sessionHelper';

describe('POP3 line limits', () => {
  it('before login a line of 1022 characters still fits, a longer one ends the connection', () => {
    expect(session('pop3', [`USER ${'a'.repeat(1017)}`, 'QUIT']).replies[1]).toEqual(['+OK']);
    const s = session('pop3', [`USER ${'a'.repeat(1018)}`, 'NOOP']);
    expect(s.replies[1]).toEqual(['-ERR Input buffer full, aborting']);
    expect(s.replies[2]).toEqual([]);
    expect(s.maillog).toEqual([expect.stringMatching(/^dovecot: pop3-login: Disconnected: Input buffer full \(no auth attempts in 0 secs\): user=<>, rip=127\.0\.0\.1,/)]);
  });

  it('after login a line of more than 2046 characters is "Input line too long."', () => {
    const ok = session('pop3', ['USER alice', 'PASS wonderland', `LIST ${'1'.repeat(2041)}`]);
    expect(ok.replies[3][0]).toMatch(/^-ERR Message number too large/);
    const s = session('pop3', ['USER alice', 'PASS wonderland', `LIST ${'1'.repeat(5000)}`, 'STAT']);
    expect(s.replies[3]).toEqual(['-ERR Input line too long.']);
    expect(s.replies[4]).toEqual([]);
    expect(s.maillog[1]).toMatch(/^dovecot: pop3\(alice\)<PID><SESSION>: Disconnected: Input line too long top=0\/0, retr=0\/0, del=0\/3, size=\d+$/);
  });

  it('the third unknown command before login is answered with the goodbye in the same write', () => {
    const s = session('pop3', ['LIST', 'RETR 1', 'DELE 1', 'UIDL']);
    expect(s.replies[3]).toEqual(['-ERR Unknown command.', '-ERR Too many invalid bad commands.']);
  });
});
