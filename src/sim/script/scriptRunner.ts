/**
 * Plays a scenario's script: each step happens at its virtual time on its host — a telnet-like
 * dialogue, a mail client sending a message, a shell command, a fetch over POP3/IMAP, a host
 * going down or up, a file written. What the teacher types live is recorded as steps too, which
 * is what makes a shared link replay exactly.
 */
import { parseIp } from '../core/ip';
import type { SimHost } from '../host/simHost';
import type { ScriptStep } from '../scenario/schema';
import type { World } from '../world';
import { fetchMail } from './fetchClient';
import { sendMail } from './mailClient';
import { typeDialogue } from './typedDialogue';

export interface ScriptHooks {
  /** The terminal `id` (created on first use) on a host. */
  shell(host: SimHost, terminal: number, line: string): void;
}

export class ScriptRunner {
  constructor(
    private readonly world: World,
    private readonly hooks: ScriptHooks,
  ) {}

  schedule(steps: readonly ScriptStep[]): void {
    for (const step of steps) this.world.scheduler.at(step.at, () => this.run(step));
  }

  /** Runs one step now. */
  run(step: ScriptStep): void {
    const host = this.world.host(step.host);
    if (!host) {
      this.world.trace.emit({ kind: 'note', host: step.host, level: 'error', text: `script: there is no host "${step.host}"` });
      return;
    }
    switch (step.action) {
      case 'dialogue': {
        const address = resolveAddress(host, step.to);
        if (!address) return this.unresolved(host, step.to);
        typeDialogue(this.world, host, address, step.port ?? 25, step.lines);
        return;
      }
      case 'send': {
        const server = step.server ?? host.name;
        const address = resolveAddress(host, server);
        if (!address) return this.unresolved(host, server);
        sendMail(this.world, host, address, step);
        return;
      }
      case 'fetch': {
        const address = resolveAddress(host, step.server);
        if (!address) return this.unresolved(host, step.server);
        fetchMail(this.world, host, address, step);
        return;
      }
      case 'shell':
        this.hooks.shell(host, step.terminal ?? 1, step.command);
        return;
      case 'write':
        host.fs.write(step.path, step.text);
        this.world.trace.emit({ kind: 'note', host: host.name, level: 'info', text: `${step.path} saved` });
        return;
      case 'down':
      case 'up':
        host.up = step.action === 'up';
        this.world.trace.emit({ kind: 'note', host: host.name, level: 'info', text: `${host.name} is ${step.action === 'up' ? 'up' : 'down'}` });
        return;
    }
  }

  private unresolved(host: SimHost, name: string): void {
    this.world.trace.emit({ kind: 'note', host: host.name, level: 'error', text: `${name}: Name or service not known` });
  }
}

/** A host name or address as a program on `host` would resolve it (/etc/hosts, then DNS). */
export function resolveAddress(host: SimHost, name: string): string | undefined {
  if (parseIp(name)) return name;
  if (name === 'localhost') return '127.0.0.1';
  if (name.toLowerCase() === host.name.toLowerCase() || name.toLowerCase() === host.name.split('.')[0].toLowerCase()) {
    return host.networkAddresses[0] ?? '127.0.0.1';
  }
  const found = host.names().addresses(name);
  return found.find((a) => parseIp(a)?.family === 4) ?? found[0];
}
