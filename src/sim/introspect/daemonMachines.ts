/**
 * Which statechart a daemon instance runs, by the names the trace uses. Kept apart from the
 * machines themselves so the UI can ask without loading XState.
 */

/** The catalog name of the machine behind a `daemon` trace event. */
export function daemonMachineName(daemon: string, instance: string): string {
  switch (daemon) {
    case 'smtpd':
    case 'qmgr':
    case 'pop3':
    case 'imap':
      return daemon;
    case 'smtp':
    case 'lmtp':
      // The smtp agent as a whole (instance "smtp") is an agent; a process (a pid) runs the client chart.
      return /^\d+$/.test(instance) ? 'smtp' : 'agent';
    default:
      return 'agent';
  }
}
