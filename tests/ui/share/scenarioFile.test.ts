/**
 * Scenario files: written readable and read back the same; a file that is not JSON is placed at
 * its line and column, one that does not validate lists every problem at its field path, and a
 * file exported from a lesson keeps its lesson (and so its guided steps).
 */
import { describe, expect, it } from 'vitest';
import { lessonById } from '../../../src/lessons';
import { readScenarioFile, scenarioFileName, scenarioFileText } from '../../../src/ui/share/scenarioFile';

describe('scenario files', () => {
  it('reads back what it writes, and knows the lesson it came from', () => {
    const relay = structuredClone(lessonById('relay')!.scenario);
    relay.hosts[0].accounts = [...(relay.hosts[0].accounts ?? []), 'dave'];
    const text = scenarioFileText(relay);
    expect(text).toContain('\n  "hosts": [\n');
    const back = readScenarioFile(text);
    expect(back).toMatchObject({ scenario: relay, lessonId: 'relay' });
    expect(scenarioFileName(relay)).toBe('mailsim-open-relay-and-mynetworks.json');
  });

  it('takes a scenario of its own as no lesson', () => {
    const r = readScenarioFile(JSON.stringify({ version: 2, title: 'Mine', hosts: [{ name: 'a.example.com', addresses: ['10.0.0.1/24'] }] }));
    expect('scenario' in r && r.lessonId).toBeUndefined();
    expect(scenarioFileName({ version: 2, hosts: [] })).toBe('mailsim-scenario.json');
  });

  it('places a JSON syntax error at its line and column', () => {
    const r = readScenarioFile('{\n  "version": 2,\n  "hosts": [,]\n}');
    expect(r).toMatchObject({ error: 'notJson', line: 3, column: 13 });
  });

  it('lists every problem at its field path, and loads nothing', () => {
    const r = readScenarioFile(JSON.stringify({ version: 2, hosts: [{ name: 'ok.example.com', addresses: ['10.0.0.300/24'] }, { name: '<script>', addresses: [] }] }));
    expect(r).toMatchObject({ error: 'invalid' });
    const paths = 'issues' in r ? r.issues.map((i) => i.path) : [];
    expect(paths).toContain('hosts[0].addresses[0]');
    expect(paths).toContain('hosts[1].name');
    expect('scenario' in r).toBe(false);
  });

  it('refuses a file too large to be a scenario without parsing it', () => {
    expect(readScenarioFile(' '.repeat(20_000_001))).toMatchObject({ error: 'tooLarge' });
  });

  it('migrates a scenario of format 1', () => {
    const r = readScenarioFile(JSON.stringify({ version: 1, hosts: [{ name: 'm.example.com', addresses: ['10.0.0.1/24'], postfix: { main_cf: { myhostname: 'm.example.com' } } }] }));
    expect('scenario' in r && r.scenario.hosts[0].main_cf).toEqual({ myhostname: 'm.example.com' });
  });
});
