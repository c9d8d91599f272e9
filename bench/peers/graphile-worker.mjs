// graphile-worker 0.17 on the same PostgreSQL server as bench_worker, tuned
// as its docs advise for throughput: a local queue (batched fetch) and
// batched completion. Prints enqueue and burn-down rates for no-op jobs.
//   node graphile-worker.mjs <postgres-dsn> <jobs> <concurrency>
import { Logger, makeWorkerUtils, run } from "graphile-worker";

const quiet = new Logger(() => () => {});  // a log line per job would be timed too

const [dsn, jobsArg, concurrencyArg] = process.argv.slice(2);
const jobs = Number(jobsArg), concurrency = Number(concurrencyArg);
const connectionString = dsn.replace(/^postgresql:/, "postgres:");
const preset = {
  worker: { connectionString, concurrentJobs: concurrency, pollInterval: 100, localQueue: { size: 100 }, completeJobBatchDelay: 0 },
};

const utils = await makeWorkerUtils({ connectionString, logger: quiet });
await utils.migrate();
await utils.withPgClient((c) => c.query("delete from graphile_worker._private_jobs"));
let start = performance.now();
for (let i = 0; i < jobs; i += 500)
  await utils.addJobs(Array.from({ length: Math.min(500, jobs - i) }, () => ({ identifier: "noop", payload: {} })));
const enqueueS = (performance.now() - start) / 1000;

let done = 0;
start = performance.now();
const runner = await run({ preset, logger: quiet, noHandleSignals: true, taskList: { noop: async () => { done++; } } });
while (done < jobs) await new Promise((r) => setTimeout(r, 5));
const processS = (performance.now() - start) / 1000;
await runner.stop();
await utils.release();
console.log(`graphile-worker 0.17: enqueue ${Math.round(jobs / enqueueS)} j/s, burn-down ${Math.round(jobs / processS)} j/s (local queue 100, batched completion, concurrency ${concurrency})`);
