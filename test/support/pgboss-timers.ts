/**
 * pg-boss 10 requires `node:timers/promises` lazily, on every call of its `delay` (src/tools.js).
 * When a server stops, pg-boss's `offWork` keeps polling once a second until each worker's loop
 * has exited, after `stop()` has resolved; a worker still finishing its fetch on a loaded machine
 * makes that poll outlive the test file. Jest then refuses the lazy `require` ("after the Jest
 * environment has been torn down"), and the rejection fails whichever file the worker runs next.
 * The same delay, with the timers module bound once, before pg-boss's modules take `delay` from
 * tools.js. Outside Jest the lazy require is harmless, so the server itself is unchanged.
 */
import { setTimeout as sleep } from 'node:timers/promises';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module pg-boss itself loads
const tools = require('pg-boss/src/tools') as {
  delay: (ms: number, error?: string) => Promise<void> & { abort: () => void };
};

tools.delay = (ms: number, error?: string) => {
  const ac = new AbortController();
  const promise = new Promise<void>((resolve, reject) => {
    sleep(ms, null, { signal: ac.signal })
      .then(() => (error ? reject(new Error(error)) : resolve()))
      .catch(() => resolve());
  }) as Promise<void> & { abort: () => void };
  promise.abort = () => {
    if (!ac.signal.aborted) ac.abort();
  };
  return promise;
};
