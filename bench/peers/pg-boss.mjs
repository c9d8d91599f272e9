// pg-boss 10 on the same PostgreSQL server as bench_worker: several work()
// loops fetching batches. Its fetch loop sleeps pollingIntervalSeconds
// (minimum 0.5 s) after a batch that came back short, which caps it on
// small queues. Prints enqueue and burn-down rates for no-op jobs.
//   node pg-boss.mjs <postgres-dsn> <jobs> <workers>
import PgBoss from "pg-boss";

const [dsn, jobsArg, workersArg] = process.argv.slice(2);
const jobs = Number(jobsArg), workers = Number(workersArg);
const boss = new PgBoss({ connectionString: dsn.replace(/^postgresql:/, "postgres:"), max: workers + 2 });
boss.on("error", (e) => console.error("pg-boss:", e.message));
await boss.start();
await boss.deleteQueue("noop").catch(() => {});
await boss.createQueue("noop");
let start = performance.now();
for (let i = 0; i < jobs; i += 500)
  await boss.insert(Array.from({ length: Math.min(500, jobs - i) }, () => ({ name: "noop", data: {} })));
const enqueueS = (performance.now() - start) / 1000;

let done = 0;
start = performance.now();
for (let w = 0; w < workers; w++)
  await boss.work("noop", { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (batch) => { done += batch.length; });
while (done < jobs) await new Promise((r) => setTimeout(r, 5));
const processS = (performance.now() - start) / 1000;
await boss.stop({ graceful: true, wait: true });
console.log(`pg-boss 10: enqueue ${Math.round(jobs / enqueueS)} j/s, burn-down ${Math.round(jobs / processS)} j/s (${workers} work() loops, batch 100)`);
