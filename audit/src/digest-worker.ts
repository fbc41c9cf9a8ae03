import { parentPort } from 'node:worker_threads';
import { digestPacked } from './packed';

// One worker of a DigestPool: digests the batches it is sent, one at a time, in order.
const port = parentPort;
if (port === null) throw new Error('digest-worker runs as a worker thread (see DigestPool)');
port.on('message', (message: { id: number; buffer: ArrayBuffer; offset: number; length: number }) => {
  try {
    const digest = digestPacked(Buffer.from(message.buffer, message.offset, message.length));
    port.postMessage({ id: message.id, digest }, [
      digest.seqs.buffer,
      digest.embedded.buffer,
      digest.storedDiffers.buffer,
      digest.columns.buffer,
      digest.leaves.buffer,
      digest.nodes.buffer,
    ]);
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
