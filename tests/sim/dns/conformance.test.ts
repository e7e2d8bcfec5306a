import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseToScenario, type ConformanceCase } from '../../../src/cli/caseToScenario';
import { runDnsCommand } from '../../../src/sim/dns/hostTools';
import '../../../src/sim/modules';
import { World } from '../../../src/sim/world';
import { normalize } from './helpers/lab';

/**
 * The recorded dns conformance cases (tests/conformance/shared/cases/dns-*.json), each run on a
 * world built from its host object, as the replay does: the host's own BIND with the case's
 * zones and recursion, its resolv.conf, and the command the student typed.
 */
const dir = new URL('../../conformance/shared/cases/', import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.startsWith('dns-') && f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as ConformanceCase);

describe('recorded dns conformance cases', () => {
  it('are all here', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const world = new World(caseToScenario(c));
    const host = world.host(c.host.hostname)!;
    const result = runDnsCommand(host, world, c.command!.split(' '));
    expect(result.stdout.map(normalize)).toEqual(c.output!.map(normalize));
    expect(result.exitStatus).toBe(c.exit_status);
  });
});
