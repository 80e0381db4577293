// What every browser test needs: the server under test, Debian's Chromium, and a console page whose
// uncaught errors fail the test.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { io } from 'socket.io-client';
import { startStandinServer } from './standin-server.mjs';
import { startTcpProxy } from './tcp-proxy.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const artifactsDir = join(root, 'target/browser-artifacts');

/**
 * The server the tests talk to: SWITCHBOARD_URL when set (e.g. http://127.0.0.1:8080/switchboard/),
 * otherwise the stand-in, started here on an ephemeral port under a context path so that the page's
 * relative links and the derived Socket.IO path are exercised too.
 *
 * @returns {Promise<{url: string, close: () => Promise<void>}>} url ends in '/'
 */
export async function serverUnderTest() {
  const configured = process.env.SWITCHBOARD_URL;
  if (configured) {
    const url = new URL(configured);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return { url: url.href, close: async () => {} };
  }
  const standin = await startStandinServer({ contextPath: '/switchboard/' });
  return { url: standin.url, close: () => standin.close() };
}

/**
 * What the link-breaking browser tests share: the server under test, a TCP proxy in front of it (pages opened
 * through `proxy.rewrite(server.url)` lose their link when the proxy goes away), and Chromium.
 *
 * @returns {Promise<{server: object, proxy: object, browser: object, close: () => Promise<void>}>}
 */
export async function proxiedSetup() {
  const server = await serverUnderTest();
  const target = new URL(server.url);
  const proxy = await startTcpProxy({ target: { host: target.hostname, port: Number(target.port || 80) } });
  const browser = await launchChromium();
  return {
    server,
    proxy,
    browser,
    close: async () => {
      await browser.close();
      await proxy.close();
      await server.close();
    },
  };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
}

/**
 * Opens the console at `baseUrl` in a fresh browser context; `beforeLoad(page)` runs before it navigates. `pageErrors` collects uncaught exceptions;
 * failed network requests are expected in these tests (that is what they provoke) and not collected.
 */
export async function openConsole(browser, baseUrl, { latencyInterval = 1000, viewport = { width: 1400, height: 900 }, beforeLoad } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await beforeLoad?.(page); // e.g. routes that must be in place before the page opens its WebSocket
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const url = new URL(baseUrl);
  url.searchParams.set('latencyInterval', String(latencyInterval));
  await page.goto(url.href);
  return { page, pageErrors, close: () => context.close() };
}

/** Locator for an element by its data-testid. */
export const byTestId = (page, testId) => page.locator(`[data-testid="${testId}"]`);

/** Waits until the status badge shows `state` (and `transport`, if given) in its data attributes. */
export async function waitForBadge(page, state, { transport, timeout = 15_000 } = {}) {
  const selector = `[data-testid="status-badge"][data-state="${state}"]${transport ? `[data-transport="${transport}"]` : ''}`;
  await page.locator(selector).waitFor({ state: 'visible', timeout });
}

/** Joins `room` as `name` through the page's form and waits until the page lists itself as member. */
export async function joinRoom(page, room, name) {
  await byTestId(page, 'name-input').fill(name);
  await byTestId(page, 'room-input').fill(room);
  await byTestId(page, 'join-button').click();
  await page.locator(`[data-testid="members-list"] li[data-member="${name}"]`).waitFor();
}

/** Sends `text` through the page's message form. */
export async function say(page, text) {
  await byTestId(page, 'message-input').fill(text);
  await byTestId(page, 'send-button').click();
}

/** Locator for the event log entry of an incoming `message` event carrying `text`. */
export const loggedMessage = (page, text) =>
  page.locator('[data-testid="event-log"] li[data-kind="in"][data-event="message"]', { hasText: text });

/** A second participant from Node, straight to the server (not through any proxy). */
export async function peer(baseUrl, { timeout = 10_000 } = {}) {
  const url = new URL(baseUrl);
  const socket = io(`${url.origin}/chat`, {
    path: new URL('socket.io/', url).pathname,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise((resolveConnect, rejectConnect) => {
    const timer = setTimeout(() => rejectConnect(new Error('peer did not connect')), timeout);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolveConnect();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      rejectConnect(error);
    });
  });
  return socket;
}

export async function screenshot(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const path = join(artifactsDir, name);
  await page.screenshot({ path });
  return path;
}

/** A room name no other test (or earlier run against a long-lived server) uses. */
export const uniqueRoom = (prefix) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
