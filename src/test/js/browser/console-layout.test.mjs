// The console as it looks at the laptop widths people open it at: nothing cut off, no gaps, nothing blank,
// log lines that wrap between values. Measured in Chromium's layout, not by reading the CSS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  byTestId,
  joinRoom,
  launchChromium,
  openConsole,
  say,
  screenshot,
  serverUnderTest,
  uniqueRoom,
  waitForBadge,
} from '../support/browser-session.mjs';

let server;
let browser;

before(async () => {
  server = await serverUnderTest();
  browser = await launchChromium();
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.close();
}, { timeout: 30_000 });

/** api/info as the server sends it, with both tokens unset as on a server started with the defaults. */
async function tokensUnset(page) {
  await page.route('**/api/info', async (route) => {
    const response = await route.fetch();
    const info = await response.json();
    info.config = { ...info.config, adminToken: '', publishToken: '' };
    await route.fulfill({ response, json: info });
  });
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 1400, height: 900 }]) {
  describe(`console at ${viewport.width}×${viewport.height}`, { timeout: 60_000 }, () => {
    let opened;

    before(async () => {
      opened = await openConsole(browser, server.url, { viewport, latencyInterval: 200, beforeLoad: tokensUnset });
      await waitForBadge(opened.page, 'connected');
    });

    after(async () => opened?.close());

    test('the message box shows its whole placeholder', async () => {
      const { page } = opened;
      const fit = await byTestId(page, 'message-input').evaluate((input) => {
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d');
        context.font = style.font;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return { text: input.placeholder, needed: context.measureText(input.placeholder).width, room };
      });
      assert.ok(fit.needed <= fit.room, `"${fit.text}" needs ${fit.needed.toFixed(0)} px, the box has ${fit.room} px`);
    });

    test('a few latency samples already span the chart', async () => {
      const { page } = opened;
      await page.locator('[data-testid="latency-chart"]:not([data-samples="0"]):not([data-samples="1"]):not([data-samples="2"])').waitFor();
      const span = await page.evaluate(() => {
        const svg = document.querySelector('[data-testid="latency-chart"]');
        return { samples: Number(svg.dataset.samples), line: svg.querySelector('.chart-line').getBBox().width, chart: svg.viewBox.baseVal.width };
      });
      assert.ok(span.samples < 60, 'measured before the chart is full');
      assert.ok(span.line >= 0.95 * span.chart, `${span.samples} samples draw ${span.line} of ${span.chart} units`);
    });

    test('an unset token reads "not set", and no server fact is blank', async () => {
      const { page } = opened;
      await page.locator('[data-testid="server-info"][data-loaded="true"]').waitFor();
      assert.equal(await page.locator('[data-testid="server-info"] dd[data-key="adminToken"]').innerText(), 'not set');
      assert.equal(await page.locator('[data-testid="server-info"] dd[data-key="publishToken"]').innerText(), 'not set');
      const blank = await page.$$eval('[data-testid="server-info"] dd', (facts) =>
        facts.filter((fact) => fact.innerText.trim() === '').map((fact) => fact.dataset.key));
      assert.deepEqual(blank, []);
      assert.equal(await page.getByTestId('admin-ui-link').isVisible(), false, 'no Admin UI link while it is off');
    });

    test('the chat fills its card: no empty area under the message box', async () => {
      const { page } = opened;
      const gap = await page.evaluate(() => {
        const card = document.querySelector('.area-chat').getBoundingClientRect();
        const form = document.querySelector('[data-testid="say-form"]').getBoundingClientRect();
        const padding = parseFloat(getComputedStyle(document.querySelector('.area-chat')).paddingBottom);
        return card.bottom - form.bottom - padding;
      });
      assert.ok(gap <= 4, `${gap.toFixed(0)} px empty under the message box`);
    });

    test('event-log JSON wraps between values, never inside one', async () => {
      const { page } = opened;
      const room = uniqueRoom('layout');
      await joinRoom(page, room, 'ada');
      await say(page, 'wrapping check with several words');
      const detail = page.locator('[data-testid="event-log"] li[data-kind="in"][data-event="message"] .log-detail').first();
      await detail.waitFor();
      const breaks = await detail.evaluate((element) => {
        // the line each character lands on, from its own box; a break is a character on a lower line than the one before
        const text = element.firstChild;
        const range = document.createRange();
        const found = [];
        let previousTop;
        for (let i = 0; i < text.length; i++) {
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          const box = range.getClientRects()[0];
          if (!box) continue; // a collapsed space at a line end
          if (previousTop !== undefined && box.top > previousTop + 2) {
            found.push({ before: text.data.slice(Math.max(0, i - 12), i), after: text.data.slice(i, i + 12) });
          }
          previousTop = box.top;
        }
        return { text: text.data, found };
      });
      assert.ok(breaks.found.length > 0, `the check needs a wrapped line: ${breaks.text}`);
      const inside = breaks.found.filter(({ before }) => !/[\s-]$/.test(before));
      assert.deepEqual(inside, [], `wrapped inside a value: ${breaks.text}`);
      await screenshot(page, `console-${viewport.width}.png`);
    });
  });
}
