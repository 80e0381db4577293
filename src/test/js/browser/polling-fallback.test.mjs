// WebSocket handshakes are refused on the way (a proxy answers every "Upgrade: websocket" request with
// 403, as some corporate proxies do): the page falls back to long-polling, works, and says "polling".
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
  proxy.refuseWebSocket = true;
}, { timeout: 60_000 });

after(async () => {
  await opened?.close().catch(() => {});
  await setup?.close();
}, { timeout: 30_000 });

describe('with WebSocket upgrades refused', { timeout: 60_000 }, () => {
  test('the page works over long-polling and shows "polling"', async () => {
    opened = await openConsole(browser, proxy.rewrite(server.url));
    const { page, pageErrors } = opened;
    await waitForBadge(page, 'connected', { transport: 'polling' });
    assert.match(await byTestId(page, 'status-transport').innerText(), /^polling$/);
    assert.ok(proxy.refusedUpgrades >= 1, 'no WebSocket handshake reached the proxy');

    // Events round-trip over polling: join, say, and the server's broadcast comes back.
    const room = uniqueRoom('polling');
    await joinRoom(page, room, 'ada');
    await say(page, 'over long-polling');
    await loggedMessage(page, 'over long-polling').waitFor();
    await page.locator('[data-testid="status-latency"]', { hasText: /^\d+ ms$/ }).waitFor();

    // Still polling after all that: the upgrade probe was refused too, and the page did not drop.
    assert.equal(await byTestId(page, 'status-badge').getAttribute('data-transport'), 'polling');
    assert.equal(await byTestId(page, 'status-badge').getAttribute('data-state'), 'connected');
    assert.ok(await byTestId(page, 'offline-banner').isHidden());
    assert.deepEqual(pageErrors, []);
  });
});
