// BullMQ (tests/node, from the npm registry) against IronKV: its Lua scripts,
// streams (the events log, read with XREAD BLOCK by QueueEvents) and blocking
// commands. A queue gets jobs, a worker processes them (one fails and is
// retried), QueueEvents sees them complete, and a delayed job runs later.
//
// Usage: node node_bullmq.js PORT      Prints "bullmq ok" at the end.

'use strict';

const path = require('path');
const assert = require('assert');
const {Queue, Worker, QueueEvents} =
    require(path.join(__dirname, '..', 'node', 'node_modules', 'bullmq'));

async function main() {
  const connection = {host: '127.0.0.1', port: Number(process.argv[2]), maxRetriesPerRequest: null};
  const name = 'ironkv-compat';
  const queue = new Queue(name, {connection});
  const events = new QueueEvents(name, {connection});
  await events.waitUntilReady();
  await queue.obliterate({force: true}).catch(() => {});

  const completed = new Map();
  events.on('completed', ({jobId, returnvalue}) => completed.set(jobId, returnvalue));
  let attemptsOfFlaky = 0;
  const worker = new Worker(
      name,
      async (job) => {
        if (job.name === 'flaky' && ++attemptsOfFlaky === 1) throw new Error('first try fails');
        return {doubled: job.data.n * 2};
      },
      {connection, concurrency: 4},
  );
  try {
    const jobs = [];
    for (let i = 0; i < 20; i++) jobs.push(await queue.add('double', {n: i}));
    const flaky =
        await queue.add('flaky', {n: 100}, {attempts: 3, backoff: {type: 'fixed', delay: 50}});
    const delayed = await queue.add('double', {n: 7}, {delay: 300});
    const want = [...jobs, flaky, delayed].map((j) => j.id);
    const deadline = Date.now() + 20000;
    while (want.some((id) => !completed.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 20; i++) {
      assert.deepStrictEqual(completed.get(jobs[i].id), {doubled: i * 2}, `job ${i}`);
    }
    assert.deepStrictEqual(completed.get(flaky.id), {doubled: 200});
    assert.strictEqual(attemptsOfFlaky, 2);
    assert.deepStrictEqual(completed.get(delayed.id), {doubled: 14});
    const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'delayed', 'active');
    assert.deepStrictEqual(
        counts, {completed: 22, failed: 0, waiting: 0, paused: 0, delayed: 0, active: 0});
    console.log('bullmq ok');
  } finally {
    await worker.close();
    await events.close();
    await queue.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
