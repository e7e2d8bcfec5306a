import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { zhCN } from '../../src/ui/i18n/zh-CN';
import { explainEvent, reasonZh } from '../../src/ui/explain/explain';
import { fill } from '../../src/ui/i18n/format';
import { runLesson } from './helpers';

describe('explanations', () => {
  const { events, index } = runLesson();
  const dict = en as Record<string, string>;

  it('explain every event of the lesson in both languages, with every placeholder filled', () => {
    for (const e of events) {
      const x = explainEvent(e, index);
      expect(dict[x.key], `${e.kind}: ${x.key}`).toBeDefined();
      for (const d of [en, zhCN] as Record<string, string>[]) {
        const text = fill(d[x.key], x.args);
        expect(text, `${x.key}: ${text}`).not.toMatch(/\{\w+\}/);
      }
      if (x.more) expect(dict[x.more.key], x.more.key).toBeDefined();
    }
  });

  it('say why qmgr moved the message and why the relay was allowed', () => {
    const move = events.find((e) => e.kind === 'queue' && e.from === 'incoming')!;
    const x = explainEvent(move, index);
    expect(fill(en[x.key as keyof typeof en], x.args)).toMatch(/^qmgr moved [0-9A-F]+ from incoming to active: only messages in the active queue are delivered/);
    const gate = events.find((e) => e.kind === 'decision' && e.verdict === 'permit')!;
    const g = explainEvent(gate, index);
    expect(fill(en[g.key as keyof typeof en], g.args)).toBe('smtpd checked smtpd_relay_restrictions for staff@example.com: permit_mynetworks permits it — 192.168.1.23 is in 192.168.1.0/24');
    expect(reasonZh('192.168.1.23 is in 192.168.1.0/24')).toBe('192.168.1.23 属于 192.168.1.0/24');
  });

  it('have the same keys in Chinese as in English', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
});
