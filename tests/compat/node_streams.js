// Streams through ioredis (tests/node, from the npm registry) against IronKV:
// XADD with MAXLEN ~, XRANGE, a consumer group with XREADGROUP/XACK/XPENDING/
// XCLAIM/XAUTOCLAIM, XINFO, and a blocking XREADGROUP woken by another client.
//
// Usage: node node_streams.js PORT      Prints "node streams ok" at the end.

'use strict';

const path = require('path');
const assert = require('assert');
const Redis = require(path.join(__dirname, '..', 'node', 'node_modules', 'ioredis'));

async function main() {
  const port = Number(process.argv[2]);
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  const b = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  await b.connect();
  try {
    await r.del('orders', 'feed');
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await r.xadd('orders', 'MAXLEN', '~', '1000', '*', 'n', String(i)));
    assert.strictEqual(await r.xlen('orders'), 4);
    const range = await r.xrange('orders', '-', '+', 'COUNT', 2);
    assert.deepStrictEqual(range, [[ids[0], ['n', '0']], [ids[1], ['n', '1']]]);
    assert.deepStrictEqual((await r.xrevrange('orders', '+', '-', 'COUNT', 1))[0][0], ids[3]);

    assert.strictEqual(await r.xgroup('CREATE', 'orders', 'billing', '0'), 'OK');
    const got = await r.xreadgroup('GROUP', 'billing', 'w1', 'COUNT', 3, 'STREAMS', 'orders', '>');
    assert.deepStrictEqual(got[0][0], 'orders');
    assert.deepStrictEqual(got[0][1].map((e) => e[0]), ids.slice(0, 3));
    assert.strictEqual(await r.xack('orders', 'billing', ids[0]), 1);
    const pending = await r.xpending('orders', 'billing');
    assert.deepStrictEqual(pending, [2, ids[1], ids[2], [['w1', '2']]]);
    const claimed = await r.xclaim('orders', 'billing', 'w2', 0, ids[1], 'JUSTID');
    assert.deepStrictEqual(claimed, [ids[1]]);
    const auto = await r.xautoclaim('orders', 'billing', 'w2', 0, '0-0', 'COUNT', 10);
    assert.deepStrictEqual(auto[0], '0-0');
    assert.deepStrictEqual(auto[1].map((e) => e[0]), [ids[1], ids[2]]);
    assert.deepStrictEqual(auto[2], []);
    const groups = await r.xinfo('GROUPS', 'orders');
    assert.deepStrictEqual(groups[0].slice(0, 6), ['name', 'billing', 'consumers', 2, 'pending', 2]);
    const info = await r.xinfo('STREAM', 'orders');
    assert.strictEqual(info[info.indexOf('length') + 1], 4);

    // Blocking read on one connection, XADD on the other.
    await r.xgroup('CREATE', 'feed', 'g', '$', 'MKSTREAM');
    const waiting = b.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 5000, 'STREAMS', 'feed', '>');
    for (let i = 0; i < 500; i++) {
      const clients = await r.info('clients');
      if (/blocked_clients:1\b/.test(clients)) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    await r.xadd('feed', '1-1', 'msg', 'hi');
    assert.deepStrictEqual(await waiting, [['feed', [['1-1', ['msg', 'hi']]]]]);

    await assert.rejects(r.xadd('feed', '1-0', 'x', 'y'), /equal or smaller than the target stream top item/);
    await assert.rejects(r.xgroup('CREATE', 'feed', 'g', '$'), /BUSYGROUP/);
    console.log('node streams ok');
  } finally {
    r.disconnect();
    b.disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
