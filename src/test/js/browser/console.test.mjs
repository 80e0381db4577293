// The console page against the server, straight (no proxy): it connects over WebSocket, chat events
// round-trip between the page and a second participant, server info shows, and a screenshot is kept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  byTestId,
  joinRoom,
  launchChromium,
  loggedMessage,
  openConsole,
  peer,
  say,
  screenshot,
  serverUnderTest,
  uniqueRoom,
  waitForBadge,
} from '../support/browser-session.mjs';
import { nextEvent } from '../support/wait.mjs';

let server;
let browser;
const closers = [];

before(async () => {
  server = await serverUnderTest();
  browser = await launchChromium();
}, { timeout: 60_000 });

after(async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  await browser?.close();
  await server?.close();
}, { timeout: 30_000 });

async function consolePage(options) {
  const opened = await openConsole(browser, server.url, options);
  closers.push(opened.close);
  return opened;
}

async function chatPeer() {
  const socket = await peer(server.url);
  closers.push(async () => socket.disconnect());
  return socket;
}

describe('console page', { timeout: 60_000 }, () => {
  test('connects over WebSocket and says so in the status badge', async () => {
    const { page, pageErrors } = await consolePage();
    await waitForBadge(page, 'connected', { transport: 'websocket' });
    const badge = await byTestId(page, 'status-badge').innerText();
    assert.match(badge, /connected/i);
    assert.match(badge, /websocket/);
    assert.match(await byTestId(page, 'status-sid').innerText(), /^sid \S+$/);
    assert.ok(await byTestId(page, 'offline-banner').isHidden(), 'the offline banner shows while connected');
    assert.equal(await byTestId(page, 'queue-count').innerText(), '0');
    // The latency probe is answered: a round trip in ms shows in the badge.
    await page.locator('[data-testid="status-latency"]', { hasText: /^\d+ ms$/ }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('a chat message round-trips between the page and another participant', async () => {
    const room = uniqueRoom('roundtrip');
    const other = await chatPeer();
    assert.deepEqual((await other.timeout(5000).emitWithAck('join', { room, name: 'peer' })).members, ['peer']);

    const { page, pageErrors } = await consolePage();
    await waitForBadge(page, 'connected', { transport: 'websocket' });
    const peerSeesJoin = nextEvent(other, 'joined');
    await joinRoom(page, room, 'ada');
    // The join ack listed both members, and the other member was told.
    await page.locator('[data-testid="members-list"] li[data-member="peer"]').waitFor();
    assert.deepEqual(await peerSeesJoin, { room, name: 'ada' });

    // Page -> server -> everyone in the room, the page included.
    const peerGetsMessage = nextEvent(other, 'message');
    const before = Date.now();
    await say(page, 'hello from the page');
    await loggedMessage(page, 'hello from the page').waitFor();
    const message = await peerGetsMessage;
    assert.equal(message.room, room);
    assert.equal(message.name, 'ada');
    assert.equal(message.text, 'hello from the page');
    assert.ok(Number.isInteger(message.ts) && message.ts >= before - 60_000, `ts ${message.ts}`);
    await page.locator('[data-testid="event-log"] li[data-kind="out"][data-event="say"]').first().waitFor();

    // Server -> page.
    assert.deepEqual(await other.timeout(5000).emitWithAck('say', { room, text: 'hello from node' }), { ok: true });
    await page.locator('[data-testid="chat-messages"] li', { hasText: 'hello from node' }).waitFor();

    // A participant that disconnects leaves the member list.
    other.disconnect();
    await page.locator('[data-testid="members-list"] li[data-member="peer"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="event-log"] li[data-event="left"]', { hasText: 'peer' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  test('shows the server info from api/info', async () => {
    const { page } = await consolePage();
    await page.locator('[data-testid="server-info"][data-loaded="true"]').waitFor();
    assert.equal(await page.locator('[data-testid="server-info"] dd[data-key="Name"]').innerText(), 'switchboard');
    assert.match(await page.locator('[data-testid="server-info"] dd[data-key="Version"]').innerText(), /\S/);
  });

  test('leaves a screenshot of a working console', async () => {
    const room = uniqueRoom('ops');
    const other = await chatPeer();
    await other.timeout(5000).emitWithAck('join', { room, name: 'grace' });
    const { page, pageErrors } = await consolePage({ latencyInterval: 250 });
    await waitForBadge(page, 'connected', { transport: 'websocket' });
    await joinRoom(page, room, 'ada');
    await say(page, 'Morning! Is the deploy done?');
    await loggedMessage(page, 'Morning!').waitFor();
    await other.timeout(5000).emitWithAck('say', { room, text: 'Yes, all green. Latency looks fine too.' });
    await loggedMessage(page, 'all green').waitFor();
    await page.locator('[data-testid="server-info"][data-loaded="true"]').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="latency-chart"]').dataset.samples) >= 20);
    await page.evaluate(() => window.scrollTo(0, 0)); // sending focused the message box, lower down
    const path = await screenshot(page, 'console.png');
    assert.ok(path.endsWith('console.png'));
    assert.deepEqual(pageErrors, []);
  });
});
