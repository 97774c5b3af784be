// The agent widget in headless Chromium against a real debriefd: suggestions appear with
// scores and evidence, Accept and Reject send feedback, and the server records it.
//
// Run by debriefd_process.py --static client-examples/agent-widget, which provides
// DEBRIEF_HTTP_URL, DEBRIEF_DATA_DIR and DEBRIEF_STATIC_URL (the widget's origin, allowed
// through CORS). playwright-core comes through NODE_PATH (the clients.npm_ci fixture).
'use strict';

const assert = require('node:assert/strict');
const {execFileSync} = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = '/usr/bin/chromium';
const SKIP = 77;
const WAIT_MS = 15000;
const API = process.env.DEBRIEF_HTTP_URL;
const PAGE = `${process.env.DEBRIEF_STATIC_URL}/index.html?api=${encodeURIComponent(API)}&agent=agent-7`;

// A sample of /metrics; 0 when the series does not exist yet.
async function metric(name, labels) {
  const text = await (await fetch(`${API}/metrics`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).sort().join(',');
  for (const line of text.split('\n')) {
    const match = line.match(/^(\w+)\{(.*)\} (\S+)$/);
    if (match && match[1] === name && match[2].split(',').sort().join(',') === wanted) {
      return Number(match[3]);
    }
  }
  return 0;
}

// The feedback rows debriefd committed, read from its SQLite file.
function recordedFeedback() {
  const db = path.join(process.env.DEBRIEF_DATA_DIR, 'debrief.db');
  const out = execFileSync('sqlite3', ['-json', db,
    'SELECT decision_id, accepted_json, rejected_json, agent_id FROM feedback ORDER BY id']);
  return JSON.parse(out.toString() || '[]');
}

async function tagItem(page, tag) {
  const item = page.locator(`li.debrief-tag[data-tag="${tag}"]`);
  await item.waitFor({state: 'visible', timeout: WAIT_MS});
  return item;
}

async function clickAndWaitForFeedback(page, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/feedback'), {timeout: WAIT_MS}),
    button.click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  return JSON.parse(response.request().postData());
}

async function run(context) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // 1. Opening the ticket asks for suggestions; they appear with score, source and evidence.
  const [suggested] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/tickets:suggest'), {timeout: WAIT_MS}),
    page.goto(PAGE),
  ]);
  assert.equal(suggested.status(), 200);
  const {decisionId} = await suggested.json();
  const doubleCharge = await tagItem(page, 'billing/refund/double-charge');
  assert.match(await doubleCharge.locator('.debrief-score').textContent(), /^\d{1,3}%$/);
  assert.equal(await doubleCharge.locator('.debrief-source').textContent(), 'rule');
  const quotes = await doubleCharge.locator('.debrief-evidence q').allTextContents();
  assert.ok(quotes.some((q) => /charged twice/i.test(q)), `evidence: ${quotes}`);

  // 2. Accept sends the decision id, the tag and the agent; the server records it.
  const okBefore = await metric('debrief_requests_total', {method: 'RecordFeedback', code: 'OK'});
  const accepted = await clickAndWaitForFeedback(
      page, doubleCharge.getByRole('button', {name: 'Accept billing/refund/double-charge'}));
  assert.deepEqual(accepted, {decisionId, agentId: 'agent-7', accepted: ['billing/refund/double-charge']});
  assert.equal(await doubleCharge.getAttribute('data-verdict'), 'accepted');
  assert.equal(await doubleCharge.locator('.debrief-outcome').textContent(), 'Accepted');
  assert.ok(await doubleCharge.getByRole('button', {name: /^Accept/}).isDisabled());

  // 3. Reject on another suggestion of the same decision.
  const otherTag = await page.locator('li.debrief-tag:not([data-verdict])').first()
      .getAttribute('data-tag');
  const other = page.locator(`li.debrief-tag[data-tag="${otherTag}"]`);
  const rejected = await clickAndWaitForFeedback(page, other.getByRole('button', {name: /^Reject/}));
  assert.deepEqual(rejected.rejected, [otherTag]);
  assert.equal(await other.getAttribute('data-verdict'), 'rejected');

  assert.equal(await metric('debrief_requests_total', {method: 'RecordFeedback', code: 'OK'}),
               okBefore + 2);
  const rows = recordedFeedback();
  assert.deepEqual(rows.map((row) => [row.decision_id, JSON.parse(row.accepted_json),
                                      JSON.parse(row.rejected_json), row.agent_id]),
                   [[decisionId, ['billing/refund/double-charge'], [], 'agent-7'],
                    [decisionId, [], [otherTag], 'agent-7']]);

  // 4. Editing the ticket brings new suggestions under a new decision id.
  const [resuggested] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/tickets:suggest'), {timeout: WAIT_MS}),
    page.fill('#message', 'Since we enabled SAML single sign-on with Okta nobody can log in.'),
  ]);
  assert.notEqual((await resuggested.json()).decisionId, decisionId);
  await tagItem(page, 'account-access/sso');
  assert.equal(await page.locator('li.debrief-tag[data-verdict]').count(), 0);

  // 5. An unreachable Debrief is shown to the agent, not swallowed.
  const offline = await context.newPage();
  offline.on('pageerror', (error) => pageErrors.push(error.message));
  await offline.goto(PAGE.replace(encodeURIComponent(API), encodeURIComponent('http://127.0.0.1:1')));
  await offline.locator('.debrief-panel[data-state="error"]').waitFor({timeout: WAIT_MS});
  assert.match(await offline.locator('.debrief-status').textContent(), /Cannot reach Debrief/);

  assert.deepEqual(pageErrors, []);
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`SKIP: ${CHROMIUM} is not installed (scripts/install-deps.sh installs chromium)`);
    process.exit(SKIP);
  }
  const {chromium} = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await run(context);
    console.log('agent widget: suggestions shown, accept/reject recorded, edits re-suggested');
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
