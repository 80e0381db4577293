// The server goes away (a proxy between browser and server drops every connection and refuses new ones):
// the page says so, keeps what the user sends in its queue, and recovers by itself when the server returns.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  byTestId,
  joinRoom,
  loggedMessage,
  openConsole,
  proxiedSetup,
  say,
  uniqueRoom,
  waitForBadge,
} from '../support/browser-session.mjs';

let setup;
let server;
let proxy;
let browser;
let opened;

before(async () => {
  setup = await proxiedSetup();
  ({ server, proxy, browser } = setup);
}, { timeout: 60_000 });

after(async () => {
  await opened?.close().catch(() => {});
  await setup?.close();
}, { timeout: 30_000 });

describe('when the server goes away', { timeout: 90_000 }, () => {
  test('the page shows reconnecting, queues a message, and recovers by itself', async () => {
    opened = await openConsole(browser, proxy.rewrite(server.url));
    const { page, pageErrors } = opened;
    await waitForBadge(page, 'connected', { transport: 'websocket' });
    const firstSid = await byTestId(page, 'status-sid').innerText();
    const room = uniqueRoom('outage');
    await joinRoom(page, room, 'ada');

    await proxy.goAway();
    await waitForBadge(page, 'reconnecting');
    const banner = byTestId(page, 'offline-banner');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.innerText(), /realtime link is down/i);
    // The schedule is visible: which attempt, and when.
    await page.locator('[data-testid="banner-detail"]', { hasText: /Attempt \d+/ }).waitFor();
    // Retries keep failing while the server is away; the attempt number grows.
    await page.locator('[data-testid="detail-state"]', { hasText: /attempt ([2-9]|\d\d)/ }).waitFor({ timeout: 20_000 });

    // The page stays usable: a message sent now waits in the queue, and the page says how many wait.
    await say(page, 'sent while the server was away');
    await page.locator('[data-testid="queue-count"]', { hasText: /^1$/ }).waitFor();
    assert.equal(await byTestId(page, 'banner-queue-count').innerText(), '1');

    await proxy.comeBack();
    // No click: the backoff schedule brings it back (capped at 10 s between tries).
    await waitForBadge(page, 'connected', { transport: 'websocket', timeout: 30_000 });
    await banner.waitFor({ state: 'hidden' });
    assert.notEqual(await byTestId(page, 'status-sid').innerText(), firstSid, 'a new session after the outage');

    // The queue is flushed after the page re-joined its room, so the message reaches the room.
    await page.locator('[data-testid="queue-count"]', { hasText: /^0$/ }).waitFor();
    await loggedMessage(page, 'sent while the server was away').waitFor();
    await page.locator('[data-testid="members-list"] li[data-member="ada"]').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
