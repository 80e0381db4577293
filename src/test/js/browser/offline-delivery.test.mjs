// What a user types while the server is away is not lost: it shows as pending, waits out a 30 s outage in the
// queue, and reaches the room exactly once when the link is back, also to a page that was away longer than the
// sender. And two pages joining a room at the same moment each list both members.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  byTestId,
  joinRoom,
  openConsole,
  proxiedSetup,
  say,
  uniqueRoom,
  waitForBadge,
} from '../support/browser-session.mjs';
import { startTcpProxy } from '../support/tcp-proxy.mjs';

const OUTAGE_MS = 30_000;

let setup;
let server;
let proxy;
let browser;
const opened = [];

before(async () => {
  setup = await proxiedSetup();
  ({ server, proxy, browser } = setup);
}, { timeout: 60_000 });

after(async () => {
  await Promise.all(opened.map((session) => session.close().catch(() => {})));
  await setup?.close();
}, { timeout: 30_000 });

async function open(url, options) {
  const session = await openConsole(browser, url, options);
  opened.push(session);
  await waitForBadge(session.page, 'connected');
  return session;
}

const lines = (page, text) => page.locator('[data-testid="chat-messages"] li', { hasText: text });

describe('a message typed while the server is away', { timeout: 120_000 }, () => {
  test('waits out a 30 s outage as pending and reaches the other page exactly once', async () => {
    const away = await open(proxy.rewrite(server.url)); // through the proxy: its link goes down
    const other = await open(server.url); // straight to the server: it stays up and watches the room
    const room = uniqueRoom('offline');
    await joinRoom(away.page, room, 'ada');
    await joinRoom(other.page, room, 'grace');

    await proxy.goAway();
    await waitForBadge(away.page, 'reconnecting');
    assert.equal(await byTestId(away.page, 'members-list').getAttribute('data-link'), 'down', 'no green dots offline');
    const text = `typed offline ${Math.random().toString(36).slice(2, 8)}`;
    await say(away.page, text);
    const mine = lines(away.page, text);
    await mine.and(away.page.locator('[data-status="pending"]')).waitFor();
    await away.page.locator('[data-testid="queue-count"]', { hasText: /^1$/ }).waitFor();

    // The outage itself: longer than the ack timeout (15 s), which counts only once the message is sent.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    assert.equal(await mine.getAttribute('data-status'), 'pending', 'still waiting, not failed');
    assert.equal(await byTestId(away.page, 'queue-count').innerText(), '1', 'still queued');

    await proxy.comeBack();
    await waitForBadge(away.page, 'connected', { timeout: 30_000 });
    await mine.and(away.page.locator('[data-status="sent"]')).waitFor({ timeout: 20_000 });
    await lines(other.page, text).first().waitFor();
    // a round trip through the other page's link orders after any second delivery
    await other.page.evaluate(() => window.switchboard.service.timeout(5000).emitWithAck('latency', 1));
    assert.equal(await lines(other.page, text).count(), 1, 'delivered once');
    assert.equal(await mine.count(), 1, 'shown once on the sender');
    assert.equal(await byTestId(away.page, 'members-list').getAttribute('data-link'), 'up');
    for (const { pageErrors } of opened) assert.deepEqual(pageErrors, []);
  });
});

describe('when every page lost its link, as in a server restart', { timeout: 120_000 }, () => {
  test('a page back after the message was said gets it from its re-join, exactly once', async () => {
    // Each page has a proxy of its own, so they come back in a chosen order: the sender first, whose queued
    // message then reaches a room the other page has not re-joined yet.
    const target = new URL(server.url);
    const otherProxy = await startTcpProxy({ target: { host: target.hostname, port: Number(target.port || 80) } });
    try {
      const sender = await open(proxy.rewrite(server.url));
      const other = await open(otherProxy.rewrite(server.url));
      const room = uniqueRoom('restart');
      await joinRoom(sender.page, room, 'ada');
      await joinRoom(other.page, room, 'grace');
      await say(sender.page, 'before the outage');
      await lines(other.page, 'before the outage').waitFor();

      await Promise.all([proxy.goAway(), otherProxy.goAway()]);
      await waitForBadge(sender.page, 'reconnecting');
      await waitForBadge(other.page, 'reconnecting');
      const text = `said while all were away ${Math.random().toString(36).slice(2, 8)}`;
      await say(sender.page, text);
      await lines(sender.page, text).and(sender.page.locator('[data-status="pending"]')).waitFor();

      await proxy.comeBack();
      await lines(sender.page, text).and(sender.page.locator('[data-status="sent"]')).waitFor({ timeout: 30_000 });
      await otherProxy.comeBack();
      await waitForBadge(other.page, 'connected', { timeout: 30_000 });
      await other.page.locator('[data-testid="members-list"] li[data-member="ada"]').waitFor();
      await lines(other.page, text).first().waitFor({ timeout: 10_000 });
      await other.page.evaluate(() => window.switchboard.service.timeout(5000).emitWithAck('latency', 1));
      assert.equal(await lines(other.page, text).count(), 1, 'shown once');
      assert.equal(await lines(other.page, 'before the outage').count(), 1, 'what it saw before is not shown again');
      for (const { pageErrors } of opened) assert.deepEqual(pageErrors, []);
    } finally {
      await otherProxy.close();
    }
  });
});

describe('two pages joining a room at the same moment', { timeout: 60_000 }, () => {
  test('the first still lists the second when that join reaches it before its own reply', async () => {
    // The race, made certain: the first page's join reply is held back on its WebSocket until the server has
    // told it that the second page joined.
    const held = [];
    let holding = true;
    let release = () => {};
    const first = await open(server.url, {
      beforeLoad: (page) => page.routeWebSocket(/socket\.io/, (socket) => {
        const upstream = socket.connectToServer();
        socket.onMessage((message) => upstream.send(message));
        upstream.onMessage((message) => {
          if (holding && typeof message === 'string' && /^43\/chat,\d+\[\{.*"members":/.test(message)) {
            held.push(message);
            release = () => held.splice(0).forEach((reply) => socket.send(reply));
            return;
          }
          socket.send(message);
        });
      }),
    });
    const second = await open(server.url);
    const room = uniqueRoom('together');
    await byTestId(first.page, 'name-input').fill('ada');
    await byTestId(first.page, 'room-input').fill(room);
    await byTestId(first.page, 'join-button').click();
    await waitFor(() => held.length === 1, 'the first page\'s join reply to be held');

    await joinRoom(second.page, room, 'grace');
    await second.page.locator('[data-testid="members-list"] li[data-member="ada"]').waitFor();
    // the first page's own round trip: by its answer, "grace joined" has reached the page ahead of it
    await first.page.evaluate(() => window.switchboard.service.timeout(5000).emitWithAck('latency', 1));
    holding = false;
    release();

    await first.page.locator('[data-testid="room-label"]', { hasText: room }).waitFor();
    await first.page.locator('[data-testid="members-list"] li[data-member="ada"]').waitFor();
    await first.page.locator('[data-testid="members-list"] li[data-member="grace"]').waitFor();
    for (const { pageErrors } of opened) assert.deepEqual(pageErrors, []);
  });
});

/** Polls a condition the test cannot be told about (a message seen by a route handler), for at most 10 s. */
async function waitFor(condition, what) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
