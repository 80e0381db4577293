// The console through a restart of its node, on a cluster on a Redis stream with recovery on (run by RedisStreamsIT
// with SWITCHBOARD_NODES, the two Switchboard nodes, and RESTART_URL, which stops the first node on POST /stop and
// starts it again on the same port on POST /start): the page comes back recovered, with the messages said on the
// other node while its own was down, shown once, and without joining again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { byTestId, joinRoom, launchChromium, openConsole, say, uniqueRoom, waitForBadge } from '../support/browser-session.mjs';

const [first, second] = (process.env.SWITCHBOARD_NODES ?? '').split(',').filter(Boolean);
const restart = process.env.RESTART_URL;
let browser;
const opened = [];

before(async () => {
  browser = await launchChromium();
}, { timeout: 60_000 });

after(async () => {
  await Promise.all(opened.map((session) => session.close().catch(() => {})));
  await browser?.close();
}, { timeout: 30_000 });

async function open(url) {
  const session = await openConsole(browser, url);
  opened.push(session);
  await waitForBadge(session.page, 'connected');
  return session;
}

async function control(step) {
  const response = await fetch(new URL(step, restart), { method: 'POST' });
  assert.equal(response.status, 204, `${step} the node`);
}

const lines = (page, text) => page.locator('[data-testid="chat-messages"] li', { hasText: text });
const member = (page, name) => page.locator(`[data-testid="members-list"] li[data-member="${name}"]`);
const joinsSent = (page) => page.locator('[data-testid="event-log"] li[data-kind="out"][data-event="join"]');

test('a page whose node restarts comes back recovered, with what was said meanwhile', { timeout: 180_000 }, async () => {
  const restarted = await open(first);
  const other = await open(second);
  const room = uniqueRoom('restart');
  await joinRoom(restarted.page, room, 'ada');
  await joinRoom(other.page, room, 'grace'); // 'grace joined' reaches ada: an event, so ada's client has an offset
  await member(restarted.page, 'grace').waitFor();
  const sid = await restarted.page.evaluate(() => window.switchboard.service.state.sid);

  await control('stop');
  await waitForBadge(restarted.page, 'reconnecting');
  await member(other.page, 'ada').waitFor({ state: 'detached' });
  const said = ['said during the restart', 'still restarting', 'nearly back'];
  for (const text of said) {
    await say(other.page, text);
    await lines(other.page, text).waitFor();
  }
  await control('start');

  await waitForBadge(restarted.page, 'connected', { timeout: 90_000 });
  assert.equal(await restarted.page.evaluate(() => window.switchboard.service.state.sid), sid, 'the same socket');
  await byTestId(restarted.page, 'detail-state').filter({ hasText: 'recovered, 3 missed events delivered' }).waitFor();
  for (const text of said) await lines(restarted.page, text).waitFor();
  await member(other.page, 'ada').waitFor();
  await restarted.page.evaluate(() => window.switchboard.service.timeout(5000).emitWithAck('latency', 1));
  for (const text of said) assert.equal(await lines(restarted.page, text).count(), 1, `"${text}" shown once`);
  assert.equal(await joinsSent(restarted.page).count(), 1, 'the recovered page did not join again');
  for (const { pageErrors } of opened) assert.deepEqual(pageErrors, []);
});
