/**
 * telnet in virtual time: the course's SMTP session typed line by line, connection failures,
 * name lookups, and the Ctrl-] escape to the telnet> prompt, as netkit telnet prints them.
 */
import { describe, expect, it } from 'vitest';
import { CTRL_BRACKET, CTRL_C } from '../../../src/sim/shell/terminal';
import { lesson, Session, WS } from './helpers';

describe('telnet to port 25', () => {
  it('plays the course dialogue from the workstation and ends when the server closes', () => {
    const sh = new Session(lesson(), WS);
    expect(sh.type('telnet mail.example.com 25', 100)).toEqual([
      'Trying 192.168.1.1...',
      'Connected to mail.example.com.',
      "Escape character is '^]'.",
      '220 mail.example.com ESMTP Postfix',
    ]);
    expect(sh.terminal.prompt).toBe('');
    expect(sh.type('helo ws.example.com', 100)).toEqual(['250 mail.example.com']);
    expect(sh.type('mail from:obama@whitehouse.com', 100)).toEqual(['250 2.1.0 Ok']);
    expect(sh.type('rcpt to:ansible@example.com', 100)).toEqual(['250 2.1.5 Ok']);
    expect(sh.type('data', 100)).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
    expect(sh.type('Subject: How are you?')).toEqual([]);
    expect(sh.type('')).toEqual([]);
    expect(sh.type('Are you fine?')).toEqual([]);
    expect(sh.type('.', 100)).toEqual([expect.stringMatching(/^250 2\.0\.0 Ok: queued as [0-9A-F]+$/)]);
    expect(sh.type('quit', 100)).toEqual(['221 2.0.0 Bye', 'Connection closed by foreign host.']);
    expect(sh.terminal.prompt).toBe('[root@ws ~]# ');
    expect(sh.terminal.lastExitStatus).toBe(1);
  });

  it('tries ::1 first for localhost, as getaddrinfo orders them, and falls back to 127.0.0.1', () => {
    const sh = new Session(lesson());
    expect(sh.type('telnet localhost 25', 100)).toEqual([
      'Trying ::1...',
      'telnet: connect to address ::1: Connection refused',
      'Trying 127.0.0.1...',
      'Connected to localhost.',
      "Escape character is '^]'.",
      '220 mail.example.com ESMTP Postfix',
    ]);
  });

  it('escapes to the telnet> prompt with Ctrl-]; an empty line goes back, quit closes', () => {
    const sh = new Session(lesson(), WS);
    sh.type('telnet 192.168.1.1 smtp', 100);
    expect(sh.type(CTRL_BRACKET)).toEqual([]);
    expect(sh.terminal.prompt).toBe('telnet> ');
    expect(sh.type('')).toEqual([]);
    expect(sh.type('noop', 100)).toEqual(['250 2.0.0 Ok']);
    sh.type(CTRL_BRACKET);
    expect(sh.type('frob')).toEqual(['?Invalid command']);
    expect(sh.type('quit', 100)).toEqual(['Connection closed.']);
    expect(sh.terminal.busy).toBe(false);
  });
});

describe('telnet failures', () => {
  it('is refused where nothing listens', () => {
    const sh = new Session(lesson(), WS);
    expect(sh.type('telnet mail.example.com 110', 100)).toEqual(['Trying 192.168.1.1...', 'telnet: Unable to connect to remote host: Connection refused']);
  });

  it('is refused while Postfix is stopped', () => {
    const sh = new Session(lesson());
    sh.type('postfix stop');
    expect(sh.type('telnet 127.0.0.1 25', 100)).toEqual(['Trying 127.0.0.1...', 'telnet: Unable to connect to remote host: Connection refused']);
  });

  it('times out after two minutes at an address nobody has', () => {
    const sh = new Session(lesson(), WS);
    expect(sh.type('telnet 192.168.1.77 25', 120_000)).toEqual(['Trying 192.168.1.77...']);
    expect(sh.wait(10_000)).toEqual(['telnet: Unable to connect to remote host: Connection timed out']);
  });

  it('gives up on Ctrl-C while still trying', () => {
    const sh = new Session(lesson(), WS);
    sh.type('telnet 192.168.1.77 25', 1000);
    sh.type(CTRL_C);
    expect(sh.terminal.busy).toBe(false);
  });

  it.each([
    ['telnet nosuch.invalid 25', 'telnet: could not resolve nosuch.invalid/25: Name or service not known'],
    ['telnet localhost nosuchport', 'telnet: could not resolve localhost/nosuchport: Servname not supported for ai_socktype'],
  ])('%s', (command, line) => {
    const sh = new Session(lesson(), WS);
    expect(sh.type(command)).toEqual([line]);
    expect(sh.terminal.lastExitStatus).toBe(1);
  });
});
