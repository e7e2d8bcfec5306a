/**
 * The terminals the teacher opened (one tab each, on any host), with each one's command history.
 * History and line editing belong to the page, as in a real terminal emulator's shell; the
 * engine only receives finished lines.
 */
export interface TerminalTab {
  host: string;
  /** The engine's terminal number on that host. */
  id: number;
}

export class Terminals {
  tabs = $state<TerminalTab[]>([]);
  active = $state<string | undefined>(undefined);
  private histories = new Map<string, string[]>();

  static key(tab: TerminalTab): string {
    return `${tab.host}#${tab.id}`;
  }

  /** Opens (or shows) a terminal on a host. */
  open(host: string): TerminalTab {
    let tab = this.tabs.find((t) => t.host === host);
    if (!tab) {
      tab = { host, id: 1 };
      this.tabs = [...this.tabs, tab];
    }
    this.active = Terminals.key(tab);
    return tab;
  }

  close(tab: TerminalTab): void {
    this.tabs = this.tabs.filter((t) => Terminals.key(t) !== Terminals.key(tab));
    if (this.active === Terminals.key(tab)) this.active = this.tabs[0] ? Terminals.key(this.tabs[0]) : undefined;
  }

  reset(hosts: string[]): void {
    this.tabs = hosts.map((host) => ({ host, id: 1 }));
    this.active = this.tabs[0] ? Terminals.key(this.tabs[0]) : undefined;
    this.histories.clear();
  }

  history(tab: TerminalTab): string[] {
    const key = Terminals.key(tab);
    let h = this.histories.get(key);
    if (!h) {
      h = [];
      this.histories.set(key, h);
    }
    return h;
  }
}
