import { describe, expect, it } from 'vitest';
import { daemonMachineName } from '../../src/sim/introspect/daemonMachines';
import { machineGraphs } from '../../src/sim/introspect/machineCatalog';
import { layoutChart } from '../../src/ui/views/statechartLayout';

describe('the daemons’ statecharts', () => {
  const graphs = machineGraphs();

  it('serializes every daemon machine as plain data', () => {
    expect(Object.keys(graphs).sort()).toEqual(['agent', 'imap', 'pop3', 'qmgr', 'smtp', 'smtpd']);
    expect(JSON.parse(JSON.stringify(graphs))).toEqual(graphs);
    expect(graphs.smtpd.initial).toBe('ready');
    expect(graphs.smtpd.transitions).toContainEqual({ source: 'data', target: 'ready', event: 'END' });
    expect(graphs.smtpd.transitions).toContainEqual({ source: '', target: 'closed', event: 'LOST' });
    expect(graphs.pop3.states.find((s) => s.id === 'authorization')?.initial).toBe('authorization.ready');
  });

  it('maps trace daemons to their machine', () => {
    expect(daemonMachineName('smtpd', '4665')).toBe('smtpd');
    expect(daemonMachineName('smtp', '4711')).toBe('smtp');
    expect(daemonMachineName('smtp', 'smtp')).toBe('agent');
    expect(daemonMachineName('local', 'local')).toBe('agent');
    expect(daemonMachineName('imap', '3')).toBe('imap');
  });

  it.each(Object.keys(graphs))('lays %s out inside the view, the main path left to right', (name) => {
    const layout = layoutChart(graphs[name], 900, 420);
    for (const s of layout.states) {
      expect(Number.isFinite(s.x) && Number.isFinite(s.y), s.id).toBe(true);
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x).toBeLessThanOrEqual(900);
      expect(s.y).toBeGreaterThanOrEqual(0);
      expect(s.y).toBeLessThanOrEqual(420);
    }
    for (const e of layout.edges) expect(e.path).not.toContain('NaN');
  });

  it('puts smtpd’s session in reading order', () => {
    const at = new Map(layoutChart(graphs.smtpd, 900, 420).states.map((s) => [s.id, s]));
    expect(at.get('ready')!.x).toBeLessThan(at.get('mail')!.x);
    expect(at.get('mail')!.x).toBeLessThan(at.get('rcpt')!.x);
    expect(at.get('rcpt')!.x).toBeLessThan(at.get('data')!.x);
  });
});
