/**
 * Geometry of the topology: host boxes, the daemons and queues inside them, the networks that
 * join them, and the path an envelope follows between two places. d3 computes the bands; Svelte
 * draws the boxes and the canvas draws what moves. Pure: tested without a DOM.
 */
import { scaleBand } from 'd3-scale';
import type { HostInfo, WorldInfo } from '../../sim/introspect/worldInfo';
import { mailboxNode, type NodeName, type Place } from '../../sim/projection/places';

export interface NodeBox {
  host: string;
  node: NodeName;
  /** Centre and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  shape: 'daemon' | 'queue' | 'mailbox' | 'client';
}

export interface HostBox {
  host: HostInfo;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where the host meets its network line: the side facing the bus. */
  side: 'left' | 'right';
  nodes: NodeBox[];
}

export interface Bus {
  name: string;
  cidr: string;
  x: number;
  y1: number;
  y2: number;
}

export interface Layout {
  width: number;
  height: number;
  hosts: HostBox[];
  buses: Bus[];
  /** "host\tnode" -> box. */
  nodes: Map<string, NodeBox>;
}

/** Where each daemon sits in a server box: column, row of a 6 x 3 grid (mailboxes in column 5). */
const SERVER_GRID: [NodeName, number, number, NodeBox['shape']][] = [
  ['smtpd', 0, 0, 'daemon'],
  ['named', 0, 1, 'daemon'],
  ['sasl', 0, 2, 'daemon'],
  ['cleanup', 1, 0, 'daemon'],
  ['pickup', 1, 1, 'daemon'],
  ['dovecot', 1, 2, 'daemon'],
  ['incoming', 2, 0, 'queue'],
  ['deferred', 2, 1, 'queue'],
  ['hold', 2, 2, 'queue'],
  ['active', 3, 0, 'queue'],
  ['qmgr', 3, 1, 'daemon'],
  ['bounce', 3, 2, 'daemon'],
  ['local', 4, 0, 'daemon'],
  ['smtp', 4, 1, 'daemon'],
  ['virtual', 4, 2, 'daemon'],
];

/** Which nodes a host shows: Postfix's when it runs Postfix, and so on. */
function nodesFor(host: HostInfo): Set<NodeName> {
  const out = new Set<NodeName>(['client']);
  if (host.postfix) for (const [n] of SERVER_GRID) if (!['named', 'sasl', 'dovecot'].includes(n)) out.add(n);
  if (host.named) out.add('named');
  if (host.dovecot) out.add('dovecot');
  if (host.sasl) out.add('sasl');
  if (host.services.some((s) => s.service === 'smtpd' || s.service === 'sink')) out.add('smtpd');
  return out;
}

function isServer(host: HostInfo): boolean {
  return host.postfix || host.named || host.dovecot || host.kind === 'server';
}

export function computeLayout(info: WorldInfo, width: number, height: number, mailboxUsers: Map<string, string[]>): Layout {
  const pad = Math.max(8, Math.min(width, height) * 0.02);
  const clients = info.hosts.filter((h) => !isServer(h));
  const servers = info.hosts.filter(isServer);
  const clientW = clients.length > 0 ? Math.min(240, width * 0.2) : 0;
  const busGap = Math.max(36, info.networks.length * 28);
  const serverX = clients.length > 0 ? pad + clientW + busGap : pad + busGap;
  const serverW = width - serverX - pad;

  const hosts: HostBox[] = [];
  const nodes = new Map<string, NodeBox>();
  const add = (b: NodeBox) => nodes.set(`${b.host}\t${b.node}`, b);

  const clientBand = scaleBand<string>().domain(clients.map((h) => h.name)).range([pad, height - pad]).paddingInner(0.15);
  for (const host of clients) {
    const y = clientBand(host.name)!;
    const h = Math.min(clientBand.bandwidth(), 220);
    const box: HostBox = { host, x: pad, y: y + (clientBand.bandwidth() - h) / 2, w: clientW, h, side: 'right', nodes: [] };
    const client: NodeBox = { host: host.name, node: 'client', x: box.x + box.w / 2, y: box.y + box.h * 0.58, w: box.w * 0.7, h: Math.min(box.h * 0.45, 70), shape: 'client' };
    box.nodes.push(client);
    add(client);
    hosts.push(box);
  }

  const serverBand = scaleBand<string>().domain(servers.map((h) => h.name)).range([pad, height - pad]).paddingInner(0.08);
  for (const host of servers) {
    const box: HostBox = { host, x: serverX, y: serverBand(host.name)!, w: serverW, h: serverBand.bandwidth(), side: 'left', nodes: [] };
    const shown = nodesFor(host);
    const top = box.y + Math.min(44, box.h * 0.2);
    const cols = scaleBand<number>().domain([0, 1, 2, 3, 4, 5]).range([box.x + 8, box.x + box.w - 8]).paddingInner(0.18);
    const rows = scaleBand<number>().domain([0, 1, 2]).range([top, box.y + box.h - 8]).paddingInner(0.22);
    const nodeH = Math.min(rows.bandwidth(), 64);
    for (const [node, c, r, shape] of SERVER_GRID) {
      if (!shown.has(node)) continue;
      const b: NodeBox = { host: host.name, node, x: cols(c)! + cols.bandwidth() / 2, y: rows(r)! + rows.bandwidth() / 2, w: cols.bandwidth(), h: nodeH, shape };
      box.nodes.push(b);
      add(b);
    }
    // The user at this host's console (a terminal): where typed commands start.
    // Sits in the title bar, between the host name (left) and its addresses (right).
    const client: NodeBox = { host: host.name, node: 'client', x: box.x + box.w * 0.6, y: box.y + Math.min(22, box.h * 0.1), w: Math.min(cols.bandwidth(), 150), h: Math.min(28, box.h * 0.14), shape: 'client' };
    box.nodes.push(client);
    add(client);
    const users = mailboxUsers.get(host.name) ?? [];
    if (users.length > 0) {
      const mb = scaleBand<string>().domain(users).range([top, box.y + box.h - 8]).paddingInner(0.12);
      for (const user of users) {
        const b: NodeBox = { host: host.name, node: mailboxNode(user), x: cols(5)! + cols.bandwidth() / 2, y: mb(user)! + mb.bandwidth() / 2, w: cols.bandwidth(), h: Math.min(mb.bandwidth(), 60), shape: 'mailbox' };
        box.nodes.push(b);
        add(b);
      }
    }
    hosts.push(box);
  }

  const buses: Bus[] = info.networks.map((n, i) => {
    const x = (clients.length > 0 ? pad + clientW : pad) + ((i + 1) * busGap) / (info.networks.length + 1);
    const members = hosts.filter((h) => n.hosts.includes(h.host.name));
    const ys = members.map((h) => h.y + h.h / 2);
    return { name: n.name, cidr: n.cidr, x, y1: Math.min(pad, ...ys), y2: Math.max(height - pad, ...ys) };
  });
  return { width, height, hosts, buses, nodes };
}

export type Point = [number, number];

/** The polyline an envelope follows from one place to another (through the network between hosts). */
export function routeBetween(layout: Layout, from: Place, to: Place): Point[] | undefined {
  const a = layout.nodes.get(`${from.host}\t${from.node}`) ?? hostCentre(layout, from.host);
  const b = layout.nodes.get(`${to.host}\t${to.node}`) ?? hostCentre(layout, to.host);
  if (!a || !b) return undefined;
  if (from.host === to.host) return [[a.x, a.y], [b.x, b.y]];
  const ha = layout.hosts.find((h) => h.host.name === from.host);
  const hb = layout.hosts.find((h) => h.host.name === to.host);
  if (!ha || !hb) return [[a.x, a.y], [b.x, b.y]];
  const shared = layout.buses.find((bus) => ha.host.networks.includes(bus.name) && hb.host.networks.includes(bus.name)) ?? layout.buses.find((bus) => ha.host.networks.includes(bus.name));
  const edge = (h: HostBox) => (h.side === 'right' ? h.x + h.w : h.x);
  if (!shared) return [[a.x, a.y], [edge(ha), a.y], [edge(hb), b.y], [b.x, b.y]];
  return [[a.x, a.y], [edge(ha), a.y], [shared.x, a.y], [shared.x, b.y], [edge(hb), b.y], [b.x, b.y]];
}

function hostCentre(layout: Layout, host: string): NodeBox | undefined {
  const h = layout.hosts.find((b) => b.host.name === host);
  return h ? { host, node: 'client', x: h.x + h.w / 2, y: h.y + h.h / 2, w: 0, h: 0, shape: 'client' } : undefined;
}

/** The point a fraction f (0..1) along a polyline. */
export function pointAlong(points: Point[], f: number): Point {
  if (points.length === 1) return points[0];
  let total = 0;
  const lengths: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const l = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    lengths.push(l);
    total += l;
  }
  let d = Math.max(0, Math.min(1, f)) * total;
  for (let i = 0; i < lengths.length; i++) {
    if (d <= lengths[i] || i === lengths.length - 1) {
      const k = lengths[i] === 0 ? 1 : d / lengths[i];
      return [points[i][0] + (points[i + 1][0] - points[i][0]) * k, points[i][1] + (points[i + 1][1] - points[i][1]) * k];
    }
    d -= lengths[i];
  }
  return points[points.length - 1];
}
