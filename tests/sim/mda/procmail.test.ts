import { describe, expect, it } from 'vitest';
import { runProcmail } from '../../../src/sim/mda/procmail';
import { mboxText } from '../../../src/sim/mail/mailStore';
import { maillog, makeWorld, MAIL_HOST, talk, WORKSTATION } from '../../helpers/world';

const RC = `MAILDIR=$HOME/Maildir/
DEFAULT=$MAILDIR

:0
* ^Subject:.*cheap pills
.Spam/

:0c
* ^From:.*boss@example\\.com
! ansible@example.com

:0
* ^From:.*boss@example\\.com
.Boss/
`;

const env = { home: '/home/alice', user: 'alice', defaultMailbox: '/var/mail/alice' };
const msg = (from: string, subject: string) => `From: ${from}\nSubject: ${subject}\n\nbody\n`;

describe('procmail recipes', () => {
  it('files spam into a Maildir folder', () => {
    expect(runProcmail(RC, msg('x@y.z', 'Cheap pills today'), env).actions).toEqual([{ kind: 'mailbox', path: '/home/alice/Maildir/.Spam/', maildir: true, recipe: 1 }]);
  });

  it('forwards a copy (c flag) and files the original', () => {
    const r = runProcmail(RC, msg('The Boss <boss@example.com>', 'Meeting'), env);
    expect(r.actions.map((a) => a.kind)).toEqual(['forward', 'mailbox']);
    expect(r.actions[0]).toMatchObject({ to: ['ansible@example.com'] });
  });

  it('delivers to $DEFAULT when no recipe matches, and to the spool without a .procmailrc', () => {
    expect(runProcmail(RC, msg('x@y.z', 'hello'), env).actions).toEqual([{ kind: 'mailbox', path: '/home/alice/Maildir/', maildir: true, recipe: 0 }]);
    expect(runProcmail(undefined, msg('x@y.z', 'hello'), env).actions).toEqual([{ kind: 'mailbox', path: '/var/mail/alice', maildir: false, recipe: 0 }]);
  });
});

describe('mailbox_command = /usr/bin/procmail', () => {
  it('hands the message to procmail and logs "delivered to command"', () => {
    const host = {
      ...MAIL_HOST,
      main_cf: { ...(MAIL_HOST.main_cf as Record<string, string>), mailbox_command: '/usr/bin/procmail -a "$EXTENSION"' },
      files: { '/home/alice/.procmailrc': RC },
    };
    const world = makeWorld([host, WORKSTATION]);
    talk(world, 'client.example.com', '192.168.1.1', ['helo ws', 'mail from:<x@y.z>', 'rcpt to:<alice@mail.example.com>', 'data', 'Subject: cheap pills', '', 'buy', '.', 'quit']);
    world.runUntilQuiet();
    expect(maillog(world, 'mail.example.com').find((l) => l.includes('postfix/local'))).toMatch(/status=sent \(delivered to command: \/usr\/bin\/procmail -a "\$EXTENSION"\)/);
    const spam = world.host('mail.example.com')!.store.get('/home/alice/Maildir/.Spam/');
    expect(spam?.size).toBe(1);
    expect(mboxText(spam!)).toContain('Subject: cheap pills');
  });
});
