/**
 * A test message added to both runs: many lessons start with nothing happening (the student
 * types), and two quiet runs have nothing to compare. The probe is a mail client on one host
 * sending through a server, after everything the scenario already does.
 */
import type { Scenario, SendMailStep } from '../../sim/scenario/schema';

export interface Probe {
  /** The host the mail client runs on. */
  client: string;
  /** The server it hands the message to. */
  server: string;
  from: string;
  to: string;
}

/** A second after the scenario's last scripted action (or at 1 s). */
export function probeTime(scenario: Scenario): number {
  const last = Math.max(0, ...(scenario.script ?? []).map((s) => s.at));
  return Math.ceil((last + 1000) / 1000) * 1000;
}

export function withProbe(scenario: Scenario, probe: Probe, subject: string): Scenario {
  const step: SendMailStep = {
    at: probeTime(scenario),
    host: probe.client,
    action: 'send',
    server: probe.server,
    from: probe.from.trim(),
    to: probe.to.split(/[,\s]+/).filter(Boolean),
    subject,
    body: subject,
  };
  return { ...structuredClone(scenario), script: [...(scenario.script ?? []), step] };
}

/**
 * A sensible first probe: a workstation user writing to someone on another domain — the case
 * where relay settings (mynetworks, compatibility_level) make a difference. The other domain is
 * the second server's, else one the name servers know, else the server's own.
 */
export function defaultProbe(scenario: Scenario): Probe | undefined {
  const servers = scenario.hosts.filter((h) => h.main_cf !== undefined);
  const clients = scenario.hosts.filter((h) => h.main_cf === undefined);
  const server = servers[0];
  if (!server) return undefined;
  const client = clients[0] ?? server;
  const user = client.accounts?.[0] ?? 'root';
  const remote = servers[1];
  const own = domainOf(server.name);
  const other = scenario.hosts
    .flatMap((h) => h.dns?.zones ?? [])
    .map((z) => z.origin.replace(/\.$/, ''))
    .find((origin) => origin !== own && origin !== '' && !/\.arpa$/i.test(origin) && !own.endsWith(`.${origin}`));
  const to = remote
    ? `${remote.accounts?.[0] ?? 'postmaster'}@${domainOf(remote.name)}`
    : other
      ? `postmaster@${other}`
      : `${server.accounts?.[0] ?? 'postmaster'}@${own}`;
  return { client: client.name, server: server.name, from: `${user}@${domainOf(client.name)}`, to };
}

/** "ws.example.com" -> "example.com" */
function domainOf(name: string): string {
  return name.split('.').slice(1).join('.') || name;
}
