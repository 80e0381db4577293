// The official Admin UI dashboard, as served by Switchboard at admin-ui/, in Chromium: it logs in, shows this server,
// its namespaces with a connected chat client, comes back after a reload without asking for the password again, and
// (development mode) lists the chat client and disconnects it at a click.
// Screenshots go to target/browser-artifacts/. AdminUiIT runs it against a node with adminUi=on.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { io } from 'socket.io-client';
import { artifactsDir, launchChromium } from '../support/browser-session.mjs';
import { PASSWORD } from './credentials.mjs';

const base = new URL(process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080/');
const path = `${base.pathname.replace(/\/?$/, '/')}socket.io/`;
let browser;
const sockets = [];

before(async () => {
  browser = await launchChromium();
  await mkdir(artifactsDir, { recursive: true });
});

after(async () => {
  sockets.forEach((socket) => socket.disconnect());
  await browser?.close();
});

/** The server's own id, as its statistics give it: what the dashboard's Servers page lists. */
async function serverId() {
  const admin = io(`${base.origin}/admin`, { path, forceNew: true, reconnection: false, auth: { username: 'admin', password: PASSWORD } });
  sockets.push(admin);
  const [stats] = await new Promise((resolve) => admin.once('server_stats', (...args) => resolve(args)));
  admin.disconnect();
  return stats.serverId;
}

test('the dashboard logs in, shows the server and a connected chat client, keeps its session over a reload, disconnects the client', { timeout: 90_000 }, async () => {
  const chat = io(`${base.origin}/chat`, { path, forceNew: true, reconnection: false });
  sockets.push(chat);
  await new Promise((resolve) => chat.once('connect', resolve));
  const id = await serverId();

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // the dashboard's fonts and icons come from public CDNs, out of reach here: refused at once, not waited for
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  // the console links to the dashboard while it is switched on
  await page.goto(base.href);
  const link = page.getByTestId('admin-ui-link');
  await link.waitFor({ state: 'visible', timeout: 15_000 });
  await link.click();
  await page.waitForURL(/\/admin-ui\/$/);

  await page.getByLabel('Server URL').fill(base.origin);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Connect' }).click();

  const chatRow = page.locator('tr', { has: page.locator('code', { hasText: /^\/chat$/ }) });
  await chatRow.waitFor({ timeout: 15_000 });
  await assertEventually(async () => (await chatRow.innerText()).includes('1'), 'the /chat row counts the chat client');
  await page.screenshot({ path: join(artifactsDir, 'admin-ui-dashboard.png') });

  await page.goto(new URL('admin-ui/#/servers/', base).href);
  await page.getByText(id).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(artifactsDir, 'admin-ui-servers.png') });

  await page.reload();
  await page.getByText(id).waitFor({ timeout: 15_000 });
  assert.equal(await page.getByLabel('Password').isVisible(), false, 'no login asked after a reload: the session id was kept');

  // development mode: the Clients page lists the chat client's connection (the dashboard's own are not listed), and
  // its disconnect button closes it
  await page.goto(new URL('admin-ui/#/clients/', base).href);
  const rows = page.locator('tbody tr', { has: page.locator('button') });
  await rows.first().waitFor({ timeout: 15_000 });
  assert.equal(await rows.count(), 1, 'one client: the chat');
  await page.screenshot({ path: join(artifactsDir, 'admin-ui-clients.png') });
  const gone = new Promise((resolve) => chat.once('disconnect', resolve));
  await rows.first().locator('button').click();
  assert.equal(await gone, 'io server disconnect');
  await rows.first().waitFor({ state: 'detached', timeout: 15_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

async function assertEventually(check, what) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
