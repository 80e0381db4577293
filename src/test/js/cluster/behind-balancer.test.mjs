// The official JavaScript client behind the shipped two-node nginx (server-config/nginx/switchboard-cluster.conf):
// it connects over long-polling, upgrades to WebSocket through the balancer, and hears a broadcast made on each
// node of the cluster. Run by RedisClusterIT with SWITCHBOARD_URL (the balancer), SWITCHBOARD_NODES (the nodes'
// own URLs, comma-separated) and SWITCHBOARD_ADMIN_TOKEN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { io } from 'socket.io-client';

const front = new URL(process.env.SWITCHBOARD_URL);
const nodes = (process.env.SWITCHBOARD_NODES ?? '').split(',').filter(Boolean);
const token = process.env.SWITCHBOARD_ADMIN_TOKEN;

test('polling, the upgrade, and a broadcast from every node, through the balancer', { timeout: 30_000 }, async () => {
  assert.equal(nodes.length, 2, 'SWITCHBOARD_NODES names two nodes');
  const socket = io(`${front.origin}/chat`, { path: '/socket.io/', transports: ['polling', 'websocket'], forceNew: true, reconnection: false });
  try {
    // the transport the engine opened with, read as it opens: the upgrade may be done by the time 'connect' fires
    let first;
    const upgraded = new Promise((resolve) => socket.io.once('open', () => {
      first = socket.io.engine.transport.name;
      socket.io.engine.once('upgrade', resolve);
    }));
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    await upgraded;
    assert.equal(first, 'polling', 'the first transport is long-polling');
    assert.equal(socket.io.engine.transport.name, 'websocket');

    const room = `balanced-${Math.random().toString(36).slice(2, 8)}`;
    await socket.timeout(5000).emitWithAck('join', { room, name: 'js' });
    const heard = new Set();
    const both = new Promise((resolve) => socket.on('news', (from) => heard.add(from) && heard.size === nodes.length && resolve()));
    for (const node of nodes) {
      const response = await fetch(new URL('api/emit', node), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ namespace: '/chat', room, event: 'news', args: [node] }),
      });
      assert.equal(response.status, 202, await response.text());
    }
    await both;
    assert.deepEqual([...heard].sort(), [...nodes].sort());
  } finally {
    socket.disconnect();
  }
});
