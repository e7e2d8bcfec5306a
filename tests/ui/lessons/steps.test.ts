/**
 * The steps panel's pure parts: a step's state at the playhead from its check's result, which
 * step is current, and a solution's actions as the panel lists them.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../../src/lessons';
import { en } from '../../../src/ui/i18n/en';
import { zhCN } from '../../../src/ui/i18n/zh-CN';
import { actionText } from '../../../src/ui/lessons/actionText';
import { currentStep, stepStates } from '../../../src/ui/state/stepStates';

describe('step states at the playhead', () => {
  const results = [
    { pass: true, detail: 'done', passedAt: 40 },
    { pass: true, detail: 'done', passedAt: 120 },
    { pass: false, detail: 'no' },
  ];

  it.each([
    [0, ['later', 'later', 'todo']],
    [40, ['done', 'later', 'todo']],
    [200, ['done', 'done', 'todo']],
  ])('with %i events shown: %j', (shown, expected) => {
    expect(stepStates(3, results, shown)).toEqual(expected);
  });

  it('counts a step not checked yet as to do, and points at the first step not done', () => {
    expect(stepStates(4, results, 200)).toEqual(['done', 'done', 'todo', 'todo']);
    expect(currentStep(['done', 'later', 'todo'])).toBe(1);
    expect(currentStep(['done', 'done'])).toBe(1);
    expect(currentStep([])).toBe(0);
  });
});

describe('solution actions as text', () => {
  it('shows a typed line as typed, control keys visible', () => {
    expect(actionText({ host: 'ws.example.com', action: 'shell', command: 'telnet mail.example.com 25' })).toEqual({ host: 'ws.example.com', key: 'act.shell', args: {}, code: 'telnet mail.example.com 25' });
    expect(actionText({ host: 'ws.example.com', action: 'shell', command: '\x03' }).code).toBe('^C');
  });

  it('describes every action of every lesson with a message both languages have', () => {
    for (const lesson of LESSONS)
      for (const step of lesson.steps)
        for (const action of step.solution) {
          const text = actionText(action);
          expect(en[text.key], `${lesson.id}/${step.id}`).toBeTruthy();
          expect(zhCN[text.key]).toBeTruthy();
          for (const name of en[text.key].match(/\{(\w+)\}/g) ?? []) expect(text.args).toHaveProperty(name.slice(1, -1));
        }
  });
});
