/**
 * Ready-made variants for compare mode: the changes a Postfix course keeps coming back to.
 * Each takes scenario A (and the host it is about) and returns B, or undefined where it does
 * not apply. A never changes.
 */
import type { HostSpec, Scenario } from '../../sim/scenario/schema';
import { getParam, setParam } from './mainCfParams';

export type PresetId = 'compat' | 'mynetworksLocal' | 'openRelay' | 'hostDown';

export interface Preset {
  id: PresetId;
  /** The host it changes: a Postfix host, any host, or all Postfix hosts at once. */
  target: 'postfix' | 'any' | 'all';
  /** Whether it changes anything here (without copying the scenario, which may be large). */
  applies(scenario: Scenario, host?: string): boolean;
  apply(scenario: Scenario, host?: string): Scenario | undefined;
}

const runsPostfix = (h: HostSpec) => h.main_cf !== undefined;

function withHost(scenario: Scenario, host: string | undefined, change: (h: HostSpec) => boolean): Scenario | undefined {
  const next = structuredClone(scenario);
  const h = next.hosts.find((x) => x.name === host);
  return h && change(h) ? next : undefined;
}

/** compatibility_level as Postfix takes it when main.cf does not set it. */
export const DEFAULT_COMPAT = '0';
export const TODAY_COMPAT = '3.6';

/** The level B gets: today's defaults where A has the old ones, and the other way round. */
export function otherCompat(scenario: Scenario): string {
  const first = scenario.hosts.find(runsPostfix);
  const level = first ? (getParam(first, 'compatibility_level') ?? DEFAULT_COMPAT) : DEFAULT_COMPAT;
  return level === '0' ? TODAY_COMPAT : '0';
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'compat',
    target: 'all',
    applies: (scenario) => scenario.hosts.some(runsPostfix),
    apply(scenario) {
      const next = structuredClone(scenario);
      const level = otherCompat(scenario);
      const hosts = next.hosts.filter(runsPostfix);
      for (const h of hosts) setParam(h, 'compatibility_level', level);
      return hosts.length > 0 ? next : undefined;
    },
  },
  {
    id: 'mynetworksLocal',
    target: 'postfix',
    applies: (scenario, host) => scenario.hosts.some((h) => h.name === host && runsPostfix(h)),
    apply: (scenario, host) => withHost(scenario, host, (h) => runsPostfix(h) && (setParam(h, 'mynetworks', '127.0.0.0/8'), true)),
  },
  {
    id: 'openRelay',
    target: 'postfix',
    applies: (scenario, host) => scenario.hosts.some((h) => h.name === host && runsPostfix(h)),
    apply: (scenario, host) => withHost(scenario, host, (h) => runsPostfix(h) && (setParam(h, 'mynetworks', '0.0.0.0/0'), true)),
  },
  {
    id: 'hostDown',
    target: 'any',
    applies: (scenario, host) => scenario.hosts.some((h) => h.name === host && h.up !== false),
    apply: (scenario, host) => withHost(scenario, host, (h) => h.up !== false && ((h.up = false), true)),
  },
];
