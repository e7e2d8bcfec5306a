/**
 * Starts what a host's scenario says it runs: Postfix (with its files: main.cf, aliases, maps),
 * SMTP sinks, and whatever other modules registered (Dovecot, a name server). Each module adds
 * a starter here instead of this file knowing them all.
 */
import type { SimHost, WorldCore } from './host/simHost';
import { formatMainCf } from './postfix/mainCf';
import { DEBIAN_MASTER_CF } from './postfix/masterCf';
import { PostfixInstance, type PostfixSetup } from './postfix/postfix';
import { smtpSinkListener } from './sink/smtpSink';
import type { Listener } from './core/network';

export type ServiceStarter = (host: SimHost, world: WorldCore) => void;

/** Extra Postfix wiring (SASL, smtp client, SQL maps) from modules that provide it. */
export type PostfixExtension = (host: SimHost, setup: PostfixSetup) => PostfixSetup;

const starters: ServiceStarter[] = [];
const postfixExtensions: PostfixExtension[] = [];

export function registerServiceStarter(starter: ServiceStarter): void {
  starters.push(starter);
}

export function registerPostfixExtension(ext: PostfixExtension): void {
  postfixExtensions.push(ext);
}

/** The Postfix instance running on a host, if any. */
const postfixByHost = new WeakMap<SimHost, PostfixInstance>();

export function postfixOf(host: SimHost): PostfixInstance | undefined {
  return postfixByHost.get(host);
}

export function startHostServices(host: SimHost, world: WorldCore): void {
  // Name servers and the like come first: Postfix may look names up as it starts.
  for (const s of starters) s(host, world);
  if (host.spec.main_cf !== undefined) startPostfix(host);
  if (host.spec.sinks && host.spec.sinks.length > 0) {
    const listeners: Listener[] = host.spec.sinks.map((s) => smtpSinkListener(s.port, s.reply));
    host.services.push({ listeners: () => listeners });
  }
}

function startPostfix(host: SimHost): void {
  const spec = host.spec;
  const mainCf = typeof spec.main_cf === 'string' ? spec.main_cf : formatMainCf(Object.entries(spec.main_cf ?? {}));
  host.fs.write('/etc/postfix/main.cf', mainCf);
  host.fs.write('/etc/postfix/master.cf', spec.master_cf ?? DEBIAN_MASTER_CF);
  host.fs.write('/etc/aliases', spec.aliases ?? 'postmaster: root\n');
  for (const [path, text] of Object.entries(spec.maps ?? {})) host.fs.write(path, text);
  let setup: PostfixSetup = { mainCf, masterCf: spec.master_cf, ccargs: spec.ccargs, names: host.names(), sql: spec.sql };
  for (const ext of postfixExtensions) setup = ext(host, setup);
  const postfix = new PostfixInstance(host, setup);
  postfixByHost.set(host, postfix);
  // The scenario describes a system that is already set up: newaliases and postmap have run.
  postfix.newaliases();
  for (const path of Object.keys(spec.maps ?? {})) postfix.postmap(path);
  postfix.start();
  host.services.push({ listeners: () => postfix.listeners() });
}
