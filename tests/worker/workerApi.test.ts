/**
 * The worker's API loads the engine's optional parts as a scenario needs them: a lesson whose
 * host runs Dovecot gets POP3 and IMAP, and typing in a terminal works from the first line.
 */
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../src/lessons';
import { workerApi } from '../../src/worker/workerApi';

describe('workerApi', () => {
  it('loads Dovecot for a scenario that runs it and the shell for a typed line', async () => {
    const api = workerApi();
    const loaded = await api.load(structuredClone(lessonById('fetch')!.scenario));
    expect(loaded.ok).toBe(true);
    await api.tick({ from: 0, run: 'quiet', budget: 1_000_000 });
    const acted = await api.act({ host: 'mail.example.com', action: 'shell', command: 'postconf mail_version' }, 1000);
    expect(acted.at).toBeGreaterThanOrEqual(0);
    const r = await api.tick({ from: 0, run: 'quiet', budget: 1_000_000, max: 1_000_000 });
    const output = r.events.filter((e) => e.kind === 'terminal').map((e) => JSON.stringify(e)).join('\n');
    expect(output).toContain('mail_version = 3.7');
    const graphs = await api.machines();
    expect(Object.keys(graphs)).toEqual(expect.arrayContaining(['smtpd', 'imap', 'pop3']));
  });
});
