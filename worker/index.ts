import { startWorker } from '../lib/jobs/worker';

// `npm run worker`: the job worker as its own process (production). `npm start` starts one too.
const worker = await startWorker();
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().finally(() => process.exit(0));
  });
}
