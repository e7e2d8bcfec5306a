/**
 * Scenario format versions. A link made with an older mailsim must keep opening: each
 * migration turns version n into n+1; the loader runs them in order up to the current version.
 */
import { SCENARIO_VERSION, type Scenario } from './schema';

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version n scenario into version n+1. Version 1 is the first. */
const MIGRATIONS: Record<number, Migration> = {
  1: (old) => ({
    ...old,
    hosts: Array.isArray(old.hosts)
      ? old.hosts.map((h: unknown) => {
          if (typeof h !== 'object' || h === null || !('postfix' in h)) return h;
          const { postfix, ...rest } = h as Record<string, unknown>;
          return typeof postfix === 'object' && postfix !== null ? { ...rest, ...(postfix as object) } : rest;
        })
      : old.hosts,
  }),
};

export function migrateScenario(input: Record<string, unknown>): { scenario: Scenario } | { error: string } {
  let version = input.version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { error: `must be a whole number >= 1, not ${JSON.stringify(version)}` };
  if (version > SCENARIO_VERSION) return { error: `version ${version} was made by a newer mailsim (this one reads up to ${SCENARIO_VERSION})` };
  let current: Record<string, unknown> = { ...input };
  while (version < SCENARIO_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return { error: `no migration from version ${version}` };
    current = step(current);
    version++;
  }
  return { scenario: { ...current, version } as unknown as Scenario };
}
