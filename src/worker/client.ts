/**
 * The page's handle on the engine worker: the Comlink proxy, plus the two ways a worker can die
 * that Comlink does not report — an uncaught error in the worker, and a call that never returns
 * (an endless loop, memory exhausted). Both end in `onCrash`, which the page shows with an offer
 * to reload the scenario where it was.
 */
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { SimApi } from './protocol';

export interface SimClient {
  /** Calls the engine; rejects if the worker crashed or the call threw. */
  call<K extends keyof SimApi>(method: K, ...args: Parameters<SimApi[K]>): Promise<ReturnType<SimApi[K]>>;
  terminate(): void;
}

/** A call that takes longer than this is treated as a hung worker. */
const HANG_MS = 30_000;

export function startSimClient(onCrash: (message: string) => void): SimClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'mailsim-engine' });
  const api: Remote<SimApi> = wrap<SimApi>(worker);
  let dead = false;
  const die = (message: string) => {
    if (dead) return;
    dead = true;
    onCrash(message);
  };
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    die(e.message || 'the engine worker stopped');
  });
  worker.addEventListener('messageerror', () => die('a message from the engine worker could not be read'));

  return {
    async call(method, ...args) {
      if (dead) throw new Error('the engine worker has stopped');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          die(`the engine did not answer ${String(method)} within ${HANG_MS / 1000} s`);
          reject(new Error('engine not answering'));
        }, HANG_MS);
      });
      try {
        const fn = api[method] as unknown as (...a: unknown[]) => Promise<ReturnType<SimApi[typeof method]>>;
        return await Promise.race([fn(...args), hang]);
      } finally {
        clearTimeout(timer);
      }
    },
    terminate() {
      dead = true;
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
