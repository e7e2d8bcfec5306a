/**
 * The host's network interfaces: `ip addr` (iproute2 on Debian 12), `ip route` and `ifconfig`
 * (net-tools), in the formats those tools print. Loopback is lo; the scenario's addresses are on
 * eth0, with a MAC address made from the host name so it stays the same from run to run.
 */
import { formatIp, isLoopback, networkOf, parseIp, type IpAddress } from '../../core/ip';
import type { SimHost } from '../../host/simHost';
import { registerCommand } from '../registry';

interface Address {
  ip: IpAddress;
  text: string;
  prefix: number;
}

function ethernetAddresses(host: SimHost): Address[] {
  return host.interfaces
    .map((i) => ({ ip: parseIp(i.address)!, text: i.address, prefix: i.prefix }))
    .filter((a) => a.ip && !isLoopback(a.ip))
    .sort((a, b) => a.ip.family - b.ip.family);
}

/** 52:54:00 (a QEMU/KVM NIC) and three bytes from the host name. */
export function macAddress(host: SimHost): string {
  let h = 2166136261;
  for (const ch of host.name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const bytes = [0x52, 0x54, 0x00, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function broadcast(a: Address): string {
  const net = networkOf(a.ip, a.prefix);
  const bytes = Array.from(net.address.bytes);
  for (let bit = a.prefix; bit < 32; bit++) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  return bytes.join('.');
}

function netmask(prefix: number): string {
  const bytes = [0, 0, 0, 0];
  for (let bit = 0; bit < prefix; bit++) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  return bytes.join('.');
}

function ipAddr(host: SimHost): string[] {
  const out = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '    inet6 ::1/128 scope host ',
    '       valid_lft forever preferred_lft forever',
  ];
  const eth = ethernetAddresses(host);
  if (eth.length === 0) return out;
  out.push('2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000', `    link/ether ${macAddress(host)} brd ff:ff:ff:ff:ff:ff`);
  for (const a of eth) {
    if (a.ip.family === 4) out.push(`    inet ${a.text}/${a.prefix} brd ${broadcast(a)} scope global eth0`);
    else out.push(`    inet6 ${a.text}/${a.prefix} scope global `);
    out.push('       valid_lft forever preferred_lft forever');
  }
  return out;
}

function ipRoute(host: SimHost): string[] {
  return ethernetAddresses(host)
    .filter((a) => a.ip.family === 4)
    .map((a) => `${formatIp(networkOf(a.ip, a.prefix).address)}/${a.prefix} dev eth0 proto kernel scope link src ${a.text} `);
}

const COUNTERS = [
  '        RX packets 0  bytes 0 (0.0 B)',
  '        RX errors 0  dropped 0  overruns 0  frame 0',
  '        TX packets 0  bytes 0 (0.0 B)',
  '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0',
];

function ifconfig(host: SimHost): string[] {
  const out: string[] = [];
  const eth = ethernetAddresses(host);
  if (eth.length > 0) {
    out.push('eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500');
    for (const a of eth) {
      if (a.ip.family === 4) out.push(`        inet ${a.text}  netmask ${netmask(a.prefix)}  broadcast ${broadcast(a)}`);
      else out.push(`        inet6 ${a.text}  prefixlen ${a.prefix}  scopeid 0x0<global>`);
    }
    out.push(`        ether ${macAddress(host)}  txqueuelen 1000  (Ethernet)`, ...COUNTERS, '');
  }
  out.push(
    'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536',
    '        inet 127.0.0.1  netmask 255.0.0.0',
    '        inet6 ::1  prefixlen 128  scopeid 0x10<host>',
    '        loop  txqueuelen 1000  (Local Loopback)',
    ...COUNTERS,
    '',
  );
  return out;
}

registerCommand('ip', (ctx, argv) => {
  const args = argv.slice(1).filter((a) => !a.startsWith('-'));
  const object = args[0] ?? '';
  const family = argv.includes('-4') ? 4 : argv.includes('-6') ? 6 : 0;
  if (object === '' || object === 'help') return { output: ['Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', '       ip [ -force ] -batch filename', 'where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |', '                   macsec | maddress | monitor | mptcp | mroute | mrule | neighbor | neighbour |', '                   netconf | netns | nexthop | ntable | ntbl | route | rule | sr | tap | tcpmetrics |', '                   token | tunnel | tuntap | vrf | xfrm }'], exitStatus: object === '' ? 255 : 0 };
  if ('address'.startsWith(object) || object === 'addr') {
    const lines = ipAddr(ctx.host);
    return { output: family === 0 ? lines : filterFamily(lines, family), exitStatus: 0 };
  }
  if ('route'.startsWith(object)) return { output: ipRoute(ctx.host), exitStatus: 0 };
  return { output: [`Object "${object}" is unknown, try "ip help".`], exitStatus: 255 };
});

/** ip -4 / -6: only that family's address lines (each with its lifetime line). */
function filterFamily(lines: string[], family: 4 | 6): string[] {
  const out: string[] = [];
  const keyword = family === 4 ? '    inet ' : '    inet6 ';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\d+: /.test(l)) out.push(l);
    else if (l.startsWith(keyword)) out.push(l, lines[i + 1]);
  }
  return out.filter((l, i, all) => !(/^\d+: /.test(l) && (i === all.length - 1 || /^\d+: /.test(all[i + 1]))));
}

registerCommand('ifconfig', (ctx) => ({ output: ifconfig(ctx.host), exitStatus: 0 }));
