import { describe, expect, it } from 'vitest';
import { isShareFragment, linkFor, panelsToShare } from '../../../src/ui/share/shareLink';

describe('what a link carries from the page', () => {
  it.each([
    ['topology', 'lesson', true, []],
    ['topology', 'explain', false, []],
    ['topology', 'explain', true, ['explain']],
    ['sequence', 'maillog', true, ['sequence', 'maillog']],
    ['webmail', 'lesson', false, ['webmail', 'lesson']],
  ])('view %s, panel %s (lesson steps: %s) -> %j', (view, panel, steps, expected) => {
    expect(panelsToShare(view, panel, steps)).toEqual(expected);
  });

  it.each([
    ['#L=telnet', true],
    ['#S=abc', true],
    ['#e2e&L=relay', true],
    ['#e2e', false],
    ['', false],
    ['#Ltelnet', false],
  ])('%s is a link: %s', (hash, expected) => {
    expect(isShareFragment(hash)).toBe(expected);
  });

  it('puts the fragment on the page address in place of its own', () => {
    expect(linkFor('http://127.0.0.1:8080/teachers/ms-li/mailsim/?x=1#e2e', '#L=dns')).toBe('http://127.0.0.1:8080/teachers/ms-li/mailsim/?x=1#L=dns');
    expect(linkFor('https://school.example/mailsim/', '#S=xyz')).toBe('https://school.example/mailsim/#S=xyz');
  });
});
