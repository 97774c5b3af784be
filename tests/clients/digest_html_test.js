// The HTML digest in headless Chromium against a real debriefd: closes from last week go
// in through the HTTP API, GET /v1/digests/product?format=html comes back as one page that
// renders with no console errors, no failed or external requests and no scripts, and its
// SVG charts (trend lines, bars, sparklines) are drawn. A screenshot is kept under
// $DEBRIEF_ARTIFACT_DIR (in the build tree).
//
// Run by debriefd_process.py, which provides DEBRIEF_HTTP_URL. playwright-core comes
// through NODE_PATH (the clients.npm_ci fixture).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = '/usr/bin/chromium';
const SKIP = 77;
const API = process.env.DEBRIEF_HTTP_URL;
const ARTIFACTS = process.env.DEBRIEF_ARTIFACT_DIR || os.tmpdir();

// Midday of `daysBack` days before the Monday that starts the current ISO week (UTC, the
// shipped digests.time_zone), i.e. inside the last complete week for daysBack in 1..7.
function lastWeek(daysBack) {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return new Date(monday.getTime() - daysBack * 86400000 + 12 * 3600000).toISOString();
}

const TEXTS = [
  'I was charged twice this month, please refund the duplicate invoice.',
  'Our invoice shows the wrong amount and we were billed twice.',
  'Login fails with Error: ECONNRESET while syncing the calendar.',
  'Export keeps failing with Error: ECONNRESET after 30 seconds, we are considering Zendesk.',
  'Please add CSV export to the reports page, we need it for audits.',
];

async function close(index) {
  const response = await fetch(`${API}/v1/tickets:debrief`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({ticket: {
      source: 'SOURCE_GENERIC', ticketId: `digest-${index}`, deliveryId: `d-${index}`,
      subject: TEXTS[index % TEXTS.length].slice(0, 40),
      url: `https://help.example.com/tickets/${index}`,
      account: {id: `acct-${index % 3}`, arrCents: String((index % 3 + 1) * 1000000)},
      closedAt: lastWeek(1 + (index % 6)),
      messages: [{authorRole: 'AUTHOR_ROLE_CUSTOMER', bodyText: TEXTS[index % TEXTS.length]}],
    }}),
  });
  assert.equal(response.status, 200, await response.text());
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`SKIP: ${CHROMIUM} is not installed (scripts/install-deps.sh installs chromium)`);
    process.exit(SKIP);
  }
  for (let i = 0; i < 15; ++i) await close(i);

  const url = `${API}/v1/digests/product?format=html`;
  const head = await fetch(url);
  assert.equal(head.status, 200);
  assert.match(head.headers.get('content-type'), /^text\/html/);
  const html = await head.text();
  assert.doesNotMatch(html, /<script|<link|src=|url\(/i, 'the page must be self-contained');

  const bad = await fetch(`${API}/v1/digests/marketing?format=html`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /audience/);

  const {chromium} = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const problems = [];
    // The browser asks every server for /favicon.ico on its own; that 404 is not the page's.
    const isFavicon = (address) => new URL(address, API).pathname === '/favicon.ico';
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      if (isFavicon(message.location().url || url)) return;
      problems.push(message.text());
    });
    page.on('response', (answer) => {
      if (answer.status() >= 400 && !isFavicon(answer.url())) {
        problems.push(`HTTP ${answer.status()}: ${answer.url()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(API)) problems.push(`external request: ${request.url()}`);
    });
    const response = await page.goto(url, {waitUntil: 'load'});
    assert.equal(response.status(), 200);
    assert.match(await page.title(), /Product digest/);
    assert.ok(await page.locator('svg.trend-chart polyline.trend').count() >= 1, 'a trend line');
    assert.ok(await page.locator('svg.bar-chart rect.bar').count() >= 1, 'a bar chart');
    assert.ok(await page.locator('svg.sparkline').count() >= 1, 'sparklines');
    // The charts are laid out with a real size, not collapsed.
    const box = await page.locator('svg.trend-chart').first().boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, JSON.stringify(box));
    const tickets = await page.locator('.kpi b').first().textContent();
    assert.equal(Number(tickets), 15);
    fs.mkdirSync(ARTIFACTS, {recursive: true});
    const shot = path.join(ARTIFACTS, 'digest-product.png');
    await page.screenshot({path: shot, fullPage: true});
    assert.ok(fs.statSync(shot).size > 10000, 'screenshot written');
    assert.deepEqual(problems, []);
    console.log(`digest html: rendered with charts, no console errors; screenshot ${shot}`);
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
