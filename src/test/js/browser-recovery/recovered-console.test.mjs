// The console on a Switchboard with connectionStateRecovery on (see RecoveryIT): a page whose link drops while the
// room talks comes back with the same socket, says so with the number of events it missed, shows each missed
// message once, and does not join the room again; the other page lists it again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { byTestId, joinRoom, openConsole, proxiedSetup, say, uniqueRoom, waitForBadge } from '../support/browser-session.mjs';

let setup;
const opened = [];

before(async () => {
  setup = await proxiedSetup();
}, { timeout: 60_000 });

after(async () => {
  await Promise.all(opened.map((session) => session.close().catch(() => {})));
  await setup?.close();
}, { timeout: 30_000 });

async function open(url) {
  const session = await openConsole(setup.browser, url);
  opened.push(session);
  await waitForBadge(session.page, 'connected');
  return session;
}

const lines = (page, text) => page.locator('[data-testid="chat-messages"] li', { hasText: text });
const member = (page, name) => page.locator(`[data-testid="members-list"] li[data-member="${name}"]`);
const joinsSent = (page) => page.locator('[data-testid="event-log"] li[data-kind="out"][data-event="join"]');

test('a page whose link drops is recovered with the messages it missed, shown once, without joining again', { timeout: 120_000 }, async () => {
  const { server, proxy } = setup;
  const away = await open(proxy.rewrite(server.url)); // through the proxy: its link goes down
  const other = await open(server.url);
  const room = uniqueRoom('recovered');
  await joinRoom(away.page, room, 'ada');
  await joinRoom(other.page, room, 'grace'); // 'grace joined' reaches ada: an event, so ada's client has an offset
  await member(away.page, 'grace').waitFor();
  const sid = await away.page.evaluate(() => window.switchboard.service.state.sid);

  await proxy.goAway();
  await waitForBadge(away.page, 'reconnecting');
  await member(other.page, 'ada').waitFor({ state: 'detached' }); // the server saw the link go and kept the session
  const said = ['first while away', 'second while away', 'third while away'];
  for (const text of said) {
    await say(other.page, text);
    await lines(other.page, text).waitFor();
  }

  await proxy.comeBack();
  await waitForBadge(away.page, 'connected', { timeout: 30_000 });
  assert.equal(await away.page.evaluate(() => window.switchboard.service.state.sid), sid, 'the same socket');
  await byTestId(away.page, 'detail-state').filter({ hasText: 'recovered, 3 missed events delivered' }).waitFor();
  for (const text of said) await lines(away.page, text).waitFor();
  await member(other.page, 'ada').waitFor(); // listed again where it was missing
  // a round trip orders after anything still on its way
  await away.page.evaluate(() => window.switchboard.service.timeout(5000).emitWithAck('latency', 1));
  for (const text of said) assert.equal(await lines(away.page, text).count(), 1, `"${text}" shown once`);
  assert.equal(await joinsSent(away.page).count(), 1, 'the recovered page did not join again');
  await say(away.page, 'back and talking');
  await lines(other.page, 'back and talking').waitFor(); // still in the room, as the server kept it
  for (const { pageErrors } of opened) assert.deepEqual(pageErrors, []);
});
