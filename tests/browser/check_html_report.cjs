// Opens an HTML report in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core from tools/node), checks the rendered page and
// writes a full-page screenshot:
//   node check_html_report.cjs NODE_MODULES REPORT.html SCREENSHOT.png
// REPORT.html.expect.json gives the counts the page must show. Any request
// other than the report file itself fails the check: the report is opened
// offline by its readers.
//
// Accessibility: axe-core (tools/node) runs its WCAG 2.0/2.1 A and AA rules
// on the page, and any violation fails the check (contrast of all text
// included); every chart is an image with a name, its values printed beside
// its bars and its data in a table in a <details> right after it; runs of
// Chinese on a page in another language are marked lang="zh", and English
// stretches on a Chinese page lang="en".
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
  const axePath = path.join(modules, 'axe-core', 'axe.min.js');
  if (!fs.existsSync(axePath)) {
    throw new Error(`axe-core is not installed in ${modules} (run scripts/install-deps.sh)`);
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

    // Charts: named images whose values are printed and whose data follow
    // as a table; runs in another language marked.
    const access = await page.evaluate(() => {
      const problems = [];
      for (const svg of document.querySelectorAll('svg.chart')) {
        const id = svg.id;
        const label = (svg.getAttribute('aria-labelledby') || '').split(' ')
          .map((i) => document.getElementById(i)?.textContent || '').join(' ').trim() ||
          svg.getAttribute('aria-label') || '';
        if (svg.getAttribute('role') !== 'img') problems.push(`chart ${id} has no role=img`);
        if (!label) problems.push(`chart ${id} has no accessible name`);
        const bars = svg.querySelectorAll('rect.bar').length;
        const values = svg.querySelectorAll('text.value').length;
        if (values < bars) problems.push(`chart ${id}: ${values} values printed for ${bars} bars`);
        const details = svg.nextElementSibling;
        const rows = details?.matches('details.chart-data')
          ? details.querySelectorAll('table tbody tr').length : -1;
        if (rows < 0) problems.push(`chart ${id} is not followed by its data table`);
        else {
          // One row per category: a bar per series in each.
          const series = new Set(Array.from(svg.querySelectorAll('rect.bar'),
                                            (r) => r.dataset.series)).size;
          // Charts drawn otherwise than in bars (an organiser's genealogy
          // and timeline) have a row per level or month instead.
          if (bars > 0 && rows * Math.max(1, series) !== bars) {
            problems.push(`chart ${id}: ${rows} table rows for ${bars} bars of ${series} series`);
          }
        }
      }
      // Contrast of all text from computed styles, charts' text included
      // (axe leaves text in SVG and over images "incomplete"): the colour
      // against the nearest background, white for a chart; 4.5:1, or 3:1
      // for large text (WCAG 2 AA, 1.4.3).
      const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const luminance = ([r, g, b]) => [r, g, b].map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const contrast = (a, b) => {
        const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
        return (x + 0.05) / (y + 0.05);
      };
      const background = (e) => {
        for (let a = e; a; a = a.parentElement) {
          if (a instanceof SVGElement) continue;  // charts are drawn on the page
          const c = rgb(getComputedStyle(a).backgroundColor);
          if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
        }
        return [255, 255, 255];
      };
      const lowContrast = new Set();
      const contrastWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = contrastWalker.nextNode(); node; node = contrastWalker.nextNode()) {
        const e = node.parentElement;
        if (!e || !node.textContent.trim() || e.closest('script, style, title, details:not([open])')) continue;
        const style = getComputedStyle(e);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const color = rgb(e instanceof SVGElement ? style.fill : style.color);
        const ratio = contrast(color, background(e));
        if (ratio < (large ? 3 : 4.5)) {
          lowContrast.add(`${e.tagName.toLowerCase()}.${e.getAttribute('class') || ''} ` +
                          `"${node.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1`);
        }
      }
      for (const t of Array.from(lowContrast).slice(0, 10)) problems.push(`low contrast: ${t}`);

      // Text outside charts (their tables carry the same words).
      const han = /[\u3400-\u4dbf\u4e00-\u9fff]/;
      const latinWords = (t) => (t.match(/(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])/g) || []).length;
      const pageLang = document.documentElement.lang;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('svg, script, style')) continue;
        const lang = parent.closest('[lang]')?.getAttribute('lang') || '';
        const text = node.textContent.trim();
        if (!pageLang.startsWith('zh') && han.test(text) && !lang.startsWith('zh')) {
          problems.push(`Chinese text not marked lang="zh": "${text.slice(0, 60)}"`);
        }
        if (pageLang.startsWith('zh') && !han.test(text) && latinWords(text) >= 2 &&
            !lang.startsWith('en')) {
          problems.push(`English text not marked lang="en": "${text.slice(0, 60)}"`);
        }
      }
      return problems;
    });
    for (const p of access.slice(0, 20)) check(false, p);
    if (access.length > 20) check(false, `... and ${access.length - 20} more accessibility problems`);

    // axe-core's WCAG 2 A and AA rules; the page itself has no scripts.
    await page.addScriptTag({ path: axePath });
    const axe = await page.evaluate(async () => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`),
        count: v.nodes.length,
      }));
    });
    for (const v of axe) {
      check(false, `axe ${v.id} (${v.impact}, ${v.count} elements): ${v.help}; ${v.targets.join('; ')}`);
    }

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
