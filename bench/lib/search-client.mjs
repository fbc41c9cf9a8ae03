// The reads bench's search client (bench/reads.mjs), on a thread of its own: one request at a time,
// `paths` in turn, until `samples` are timed or the parent sets `stop[0]`. Posts the latencies in
// ms. On its own event loop, as a staff member's browser is a process of its own: timed from the
// bench's main thread, each answer would also wait behind autocannon's callbacks (the profile
// load), which is the bench's own delay, not the console's.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { baseUrl, cookie, paths, samples, stop } = workerData;
const times = [];
for (let i = 0; times.length < samples && Atomics.load(stop, 0) === 0; i++) {
  const path = paths[i % paths.length];
  const t0 = performance.now();
  const res = await fetch(baseUrl + path, { headers: { Cookie: cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}`);
  times.push(performance.now() - t0);
}
parentPort.postMessage(times);
