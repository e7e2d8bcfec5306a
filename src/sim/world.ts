/**
 * A whole simulated mail system built from a scenario: the clock, the trace, the network and
 * every host with its services. The same code builds the classroom app's world, a replayed
 * conformance case and a benchmark run.
 */
import { Network, type HostNode } from './core/network';
import { Rng } from './core/rng';
import { Scheduler } from './core/scheduler';
import { parseIsoTime, parseZone, UTC, type Zone } from './core/time';
import { TraceBus } from './core/trace';
import { SimHost, type WorldCore } from './host/simHost';
import type { Scenario } from './scenario/schema';
import { startHostServices } from './services';

export const DEFAULT_START = '2024-01-01T09:00:00Z';

export class World implements WorldCore {
  readonly scheduler = new Scheduler();
  readonly trace: TraceBus;
  readonly rng: Rng;
  readonly network: Network;
  readonly startEpoch: number;
  readonly zone: Zone;
  readonly hosts = new Map<string, SimHost>();

  constructor(readonly scenario: Scenario) {
    this.trace = new TraceBus(() => this.scheduler.now);
    this.rng = new Rng(scenario.seed ?? 1);
    this.network = new Network(this.scheduler, this.trace);
    this.startEpoch = parseIsoTime(scenario.start ?? DEFAULT_START) ?? parseIsoTime(DEFAULT_START)!;
    this.zone = (scenario.timezone && parseZone(scenario.timezone)) || UTC;
    for (const spec of scenario.hosts) {
      const host = new SimHost(spec, this);
      this.hosts.set(spec.name, host);
      this.network.addHost(nodeOf(host));
    }
    for (const host of this.hosts.values()) startHostServices(host, this);
  }

  host(name: string): SimHost | undefined {
    return this.hosts.get(name) ?? [...this.hosts.values()].find((h) => h.name.split('.')[0] === name);
  }

  /** The host owning an address (loopback addresses included when a host lists them). */
  hostAt(address: string): SimHost | undefined {
    const node = this.network.hostAt(address);
    return node ? this.hosts.get(node.name) : undefined;
  }

  /** Runs until only background timers (deferred-queue scans, timeouts) are left. */
  runUntilQuiet(maxSteps?: number): number {
    return this.scheduler.runUntilQuiet(maxSteps);
  }
}

/** What the network needs of a host: the addresses it was given, not the implicit loopback. */
function nodeOf(host: SimHost): HostNode {
  return {
    name: host.name,
    addresses: host.networkAddresses,
    get up() {
      return host.up;
    },
    set up(v: boolean) {
      host.up = v;
    },
    get listeners() {
      return host.listeners;
    },
  };
}
