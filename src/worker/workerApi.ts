/**
 * What the worker exposes: SimService, with the engine's optional parts loaded just before
 * they are needed (Dovecot for a scenario that runs it, the shell's commands for the first
 * typed line, the statecharts for the statechart view). The page's first load skips them.
 */
import { validateScenario } from '../sim/scenario/validate';
import { loadDovecot, loadModulesFor, loadShell } from '../sim/moduleLoader';
import type { LiveStep, SimApi } from './protocol';
import { SimService } from './simService';

const SHELL_PREFETCH_MS = 1500;

/** SimApi with some answers arriving later: Comlink turns every call into a promise anyway. */
export type WorkerApi = { [K in keyof SimApi]: (...args: Parameters<SimApi[K]>) => ReturnType<SimApi[K]> | Promise<ReturnType<SimApi[K]>> };

export function workerApi(service: SimService = new SimService()): WorkerApi {
  return {
    async load(input) {
      const { scenario } = validateScenario(input);
      if (scenario) await loadModulesFor(scenario);
      const result = service.load(input);
      // Fetched once the first frame is up, while the class looks at it: typing in a terminal
      // needs it soon, and act() waits for it if the first line comes sooner.
      setTimeout(() => void loadShell(), SHELL_PREFETCH_MS);
      return result;
    },
    tick: (request) => service.tick(request),
    async act(step: LiveStep, at: number) {
      await loadShell();
      return service.act(step, at);
    },
    async interrupt(host, terminal, at) {
      await loadShell();
      return service.interrupt(host, terminal, at);
    },
    readFile: (host, path) => service.readFile(host, path),
    checkFile: (host, path, text, zoneOrigin) => service.checkFile(host, path, text, zoneOrigin),
    validate: (scenario) => service.validate(scenario),
    checkSteps: (checks) => service.checkSteps(checks),
    async machines() {
      await loadDovecot();
      const { machineGraphs } = await import('../sim/introspect/machineCatalog');
      return machineGraphs();
    },
    recording: () => service.recording(),
    crashForTest: () => service.crashForTest(),
  };
}
