// Opens an HTML report in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core from tools/node), checks the rendered page and
// writes a full-page screenshot:
//   node check_html_report.cjs NODE_MODULES REPORT.html SCREENSHOT.png
// REPORT.html.expect.json gives the counts the page must show. Any request
// other than the report file itself fails the check: the report is opened
// offline by its readers.
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');

const [modules, reportPath, screenshotPath] = process.argv.slice(2);
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
}

async function main() {
  let chromium;
  try {
    ({ chromium } = require(path.join(modules, 'playwright-core')));
  } catch (e) {
    throw new Error(`playwright-core is not installed in ${modules} (run scripts/install-deps.sh)`);
  }
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`${executablePath} not found (run scripts/install-deps.sh)`);
  }
  const expect = JSON.parse(fs.readFileSync(reportPath + '.expect.json', 'utf8'));
  const reportUrl = url.pathToFileURL(path.resolve(reportPath)).href;

  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-extensions', '--no-first-run',
           '--disable-domain-reliability', '--disable-client-side-phishing-detection'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
    const requests = [];
    context.on('request', (request) => requests.push(request.url()));
    // Nothing but the report itself may load, even if a check above missed it.
    await context.route('**/*', (route) =>
      route.request().url() === reportUrl ? route.continue() : route.abort());
    const page = await context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load', timeout: 10000 });

    const facts = await page.evaluate(() => {
      const bars = (id) => document.querySelectorAll(`svg#${id} rect.bar`).length;
      const sections = {};
      for (const s of document.querySelectorAll('section.report-section')) {
        const box = s.getBoundingClientRect();
        sections[s.id] = { height: box.height, heading: s.querySelector('h2')?.textContent || '' };
      }
      const widest = Math.max(0, ...Array.from(
          document.querySelectorAll('svg#chart-pyramid rect.bar'),
          (r) => r.getBoundingClientRect().width));
      const charts = Array.from(document.querySelectorAll('svg.chart'), (s) => ({
        id: s.id, width: s.getBoundingClientRect().width }));
      return {
        lang: document.documentElement.lang,
        pageWidth: document.documentElement.scrollWidth,
        findingsTop: document.getElementById('findings')?.getBoundingClientRect().top || 0,
        sections,
        pyramid: bars('chart-pyramid'),
        stockLevels: bars('chart-stock-levels'),
        stockTiers: bars('chart-stock-tiers'),
        netCashLevels: bars('chart-net-cash-levels'),
        recruits: bars('chart-recruits-month'),
        findings: document.querySelectorAll('article.finding').length,
        organiserRows: document.querySelectorAll('table.organisers tbody tr > td:first-child').length,
        noOrganisers: document.querySelectorAll('#organisers p.no-organisers').length,
        genealogyNodes: Array.from(document.querySelectorAll('svg.genealogy'),
                                   (s) => s.querySelectorAll('circle.node').length),
        branchPyramids: document.querySelectorAll('#branches svg.chart').length,
        widestPyramidBar: widest,
        charts,
      };
    });

    check(facts.lang === expect.lang, `lang is ${facts.lang}, expected ${expect.lang}`);
    for (const id of ['summary', 'pyramid', 'stock', 'money', 'organisers', 'branches', 'findings',
                      'method']) {
      const s = facts.sections[id];
      check(s !== undefined, `section ${id} missing`);
      if (s) check(s.height > 0 && s.heading.length > 0, `section ${id} not rendered`);
    }
    check(facts.pyramid === expect.levels, `pyramid: ${facts.pyramid} bars, ${expect.levels} levels`);
    check(facts.stockLevels === expect.levels,
          `stock by level: ${facts.stockLevels} bars, ${expect.levels} levels`);
    check(facts.stockTiers === expect.tiers,
          `stock by tier: ${facts.stockTiers} bars, ${expect.tiers} tiers`);
    check(facts.netCashLevels === expect.levels,
          `net cash by level: ${facts.netCashLevels} bars, ${expect.levels} levels`);
    check(facts.recruits === expect.months,
          `recruits per month: ${facts.recruits} bars, ${expect.months} months`);
    check(facts.findings === expect.findings,
          `findings: ${facts.findings} blocks, ${expect.findings} in the report`);
    check(facts.organiserRows === expect.organisers,
          `organisers table: ${facts.organiserRows} rows, ${expect.organisers} organisers`);
    check((facts.noOrganisers === 1) === (expect.organisers === 0),
          `"no organiser" sentence shown ${facts.noOrganisers} times for ${expect.organisers}`);
    check(JSON.stringify(facts.genealogyNodes) === JSON.stringify(expect.genealogyNodes),
          `genealogy nodes ${JSON.stringify(facts.genealogyNodes)}, ` +
          `expected ${JSON.stringify(expect.genealogyNodes)}`);
    check(facts.branchPyramids === expect.branchPyramids,
          `branch pyramids: ${facts.branchPyramids} drawn, ${expect.branchPyramids} in the report`);
    check(facts.widestPyramidBar > 100, `widest pyramid bar is ${facts.widestPyramidBar}px`);
    for (const c of facts.charts) check(c.width > 200, `chart ${c.id} is ${c.width}px wide`);
    check(facts.pageWidth <= 1000, `the page is ${facts.pageWidth}px wide in a 1000px window`);
    const external = requests.filter((r) => r !== reportUrl);
    check(external.length === 0, `external requests: ${external.join(', ')}`);
    check(requests.length === 1, `expected one request (the report), saw ${requests.length}`);

    fs.mkdirSync(path.dirname(screenshotPath), { recursive: true });
    // Summary, charts and the first findings: the findings further down are
    // text, and a whole hoarding report (40,000 px) takes seconds to encode.
    const height = Math.min(facts.findingsTop + 1600, 16000);
    await page.screenshot({ path: screenshotPath, fullPage: true,
                            clip: { x: 0, y: 0, width: 1000, height } });
    console.log(`${reportPath}: ${facts.pyramid} levels, ${facts.stockTiers} tiers, ` +
                `${facts.recruits} months, ${facts.findings} findings; screenshot ${screenshotPath}`);
  } finally {
    await browser.close();
  }
}

main().then(() => {
  if (failures.length > 0) {
    for (const f of failures) console.error(`${reportPath}: ${f}`);
    process.exit(1);
  }
}, (e) => {
  console.error(`${reportPath}: ${e.message}`);
  process.exit(1);
});
