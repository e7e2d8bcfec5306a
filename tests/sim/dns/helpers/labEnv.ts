/**
 * A DnsToolEnv on the recording lab's host (mail.example.com), with a fixed clock and seed.
 */
import { Rng } from '../../../../src/sim/core/rng';
import { UTC } from '../../../../src/sim/core/time';
import type { ZoneSpec } from '../../../../src/sim/scenario/schema';
import type { DnsToolEnv } from '../../../../src/sim/dns/tools';
import { labServers } from './lab';

export function labEnv(zones: ZoneSpec[], resolvConf: string, seed = 1): DnsToolEnv {
  return {
    hostName: 'mail.example.com',
    resolvConf,
    serverAt: labServers(zones),
    rng: new Rng(seed),
    epochNow: () => Date.UTC(2026, 10, 24, 17, 44, 54),
    zone: UTC,
  };
}
