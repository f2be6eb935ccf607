// End-to-end check of the viewer in Debian's Chromium, driven by playwright-core (no browser download).
// A reducer must be serving /viewer/ and, once this script prints SCAN PLEASE, a growing AzintReducer
// tree (/entry/roi/mean, /entry/azint/I).
//   usage: node check.mjs <viewer url, e.g. http://127.0.0.1:5010/viewer/> <screenshot dir>
// Opens the ROI mean line from ?path= before the scan starts, as a user waiting for a scan would, then
// checks that the line appears, clicks through the tree to the I(q) image, and for each checks that
// h5web plots it and that it grows on screen from one live refresh to the next. Saves viewer-line.png and
// viewer-image.png, prints why on failure and exits 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LINE = '/entry/roi/mean';
const IMAGE = '/entry/azint/I';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STEP_TIMEOUT_MS = 20000;
const OVERALL_TIMEOUT_MS = 80000;

const [viewerUrl, shotDir] = process.argv.slice(2);
if (!viewerUrl || !shotDir) {
  console.log('usage: node check.mjs <viewer url> <screenshot dir>');
  process.exit(2);
}

// lengths of the whole-dataset values the page received, by dataset path, in arrival order
const valueLengths = new Map();
let valueRequests = 0;

// HSDS ids of the reducer are the dataset's path in upper-case hex: d-h5dict-2F656E747279... = /entry...
function pathOfValueUrl(url) {
  const match = /\/datasets\/d-h5dict-([0-9A-F]+)\/value/.exec(url);
  return match ? Buffer.from(match[1], 'hex').toString('utf8') : null;
}

async function recordValue(response) {
  const path = pathOfValueUrl(response.url());
  // whole datasets only: a slice (?select=) has the length of the slice, not of the dataset
  if (!path || !response.ok() || new URL(response.url()).searchParams.has('select')) {
    return;
  }
  valueRequests++;
  try {
    // the reducer writes unfilled float rows as bare NaN, as HSDS does: not JSON, but only lengths matter here
    const { value } = JSON.parse((await response.text()).replace(/-?Infinity|NaN/g, 'null'));
    if (Array.isArray(value)) {
      valueLengths.set(path, [...(valueLengths.get(path) ?? []), value.length]);
    }
  } catch {
    // a body cut off by the page (h5web aborts requests it no longer needs) tells nothing
  }
}

function lengthsOf(path) {
  return valueLengths.get(path) ?? [];
}

async function refreshes(page) {
  return Number(await page.locator('.live-bar').getAttribute('data-refreshes'));
}

// the sizes h5web shows above the plot ("n 120 100"), i.e. the shape of the dataset on screen
async function shownDims(page) {
  const dims = page.locator('div:has(> span > abbr[title="Number of elements in each dimension"])').first();
  return (await dims.innerText()).split(/\s+/).slice(1).map(Number);
}

async function treeItem(page, path) {
  const item = page.locator(`[role="treeitem"][data-path="${path}"]`);
  await item.waitFor({ timeout: STEP_TIMEOUT_MS });
  return item;
}

// The plot is there: the visualization tab is the selected one and a WebGL canvas is drawn.
async function expectPlot(page, visName) {
  await page.getByRole('tab', { name: visName, selected: true }).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('canvas').first().waitFor({ timeout: STEP_TIMEOUT_MS });
}

// The dataset grew while the page was open: after live refreshes h5web shows a longer first dimension
// and received more values than the first time, and the selection survived the refreshes.
async function expectGrowth(page, path) {
  const firstRefresh = await refreshes(page);
  const firstDims = await shownDims(page);
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const seen = (await refreshes(page)) - firstRefresh;
    const dims = await shownDims(page);
    const lengths = lengthsOf(path);
    if (seen >= 2 && dims[0] > firstDims[0] && lengths.length >= 2 && lengths[lengths.length - 1] > lengths[0]) {
      console.log(`${path}: shown dims ${JSON.stringify(firstDims)} -> ${JSON.stringify(dims)} over ${seen} refreshes,`
        + ` value lengths ${JSON.stringify(lengths)}`);
      break;
    }
    if (Date.now() > deadline) {
      throw new Error(`${path} did not grow: shown dims ${JSON.stringify(firstDims)} -> ${JSON.stringify(dims)},`
        + ` value lengths ${JSON.stringify(lengths)}, ${seen} refreshes`);
    }
    await page.waitForTimeout(250);
  }
  const selected = await (await treeItem(page, path)).getAttribute('aria-selected');
  if (selected !== 'true') {
    throw new Error(`${path} is no longer selected after the live refreshes`);
  }
}

async function check(page) {
  await page.goto(`${viewerUrl}?path=${LINE}&refresh=1`, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  // no scan yet: h5web says the dataset is not there, and the page keeps refreshing
  await page.getByText(/^No entity found at \//).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForFunction((n) => Number(document.querySelector('.live-bar').dataset.refreshes) > n,
    await refreshes(page), { timeout: STEP_TIMEOUT_MS });
  console.log('SCAN PLEASE');
  for (const path of ['/entry', '/entry/azint', '/entry/roi', LINE]) {
    await treeItem(page, path);
  }
  await expectPlot(page, 'Line');
  await expectGrowth(page, LINE);
  await page.screenshot({ path: join(shotDir, 'viewer-line.png') });

  await (await treeItem(page, '/entry/azint')).click();
  await (await treeItem(page, IMAGE)).click();
  await expectPlot(page, 'Heatmap');
  await expectGrowth(page, IMAGE);
  await page.screenshot({ path: join(shotDir, 'viewer-image.png') });
}

const profile = mkdtempSync(join(tmpdir(), 'jdranspose-viewer-chromium-'));
let context;
let ok = false;
const watchdog = setTimeout(() => {
  console.log(`CHECK FAILED: no answer within ${OVERALL_TIMEOUT_MS / 1000} s`);
  (context?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  setTimeout(() => process.exit(1), 5000).unref();
}, OVERALL_TIMEOUT_MS);
try {
  // flags from the recipe: this machine has no network beyond loopback, and no GPU
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('response', (r) => recordValue(r));
  // first lines only: h5web logs the errors it shows with their stack (e.g. no /entry before the scan)
  page.on('console', (m) => { if (m.type() === 'error') console.log('console.error:', m.text().split('\n')[0]); });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  try {
    await check(page);
    ok = true;
  } catch (e) {
    console.log('CHECK FAILED:', e.message.split('\n')[0]);
    await page.screenshot({ path: join(shotDir, 'viewer-failure.png') }).catch(() => {});
  }
} catch (e) {
  console.log(`CHECK FAILED: cannot start ${CHROMIUM}: ${e.message.split('\n')[0]}`);
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  clearTimeout(watchdog);
}
console.log(`value requests: ${valueRequests}`);
console.log(ok ? 'CHECK OK' : 'CHECK FAILED');
process.exit(ok ? 0 : 1);
