/**
 * The engine with every module loaded: Postfix, DNS, Dovecot and the shell's commands. Node
 * (tests, the replay CLI, benchmarks) uses this; the worker loads modules on demand instead.
 */
import './modules';
import './shell/commands';

export * from './engineCore';
