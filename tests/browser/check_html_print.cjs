// Prints an HTML report to PDF on A4 with headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core from tools/node), as
// `tiersight audit --out report.pdf` does, and checks the sheets:
//   node check_html_print.cjs NODE_MODULES REPORT.html OUT.pdf MAX_PAGES
// - at most MAX_PAGES sheets (0: no limit);
// - every sheet carries its number, "Page N of M" in the report's language
//   (read back from the PDF with pdftotext, package poppler-utils);
// - no sheet ends on a heading and none holds only headings;
// - no text runs past the right margin (a table too wide for the sheet);
// - in print media: every heading and caption keeps with what follows it
//   (break-after: avoid) and is followed by content, table header rows
//   repeat (thead: table-header-group), charts are not split, nothing may
//   break a word anywhere (word-break: break-all, overflow-wrap: anywhere),
//   numbers and ids stay on one line, and the table of contents is printed.
'use strict';
const fs = require('fs');
const path = require('path');
const url = require('url');
const { execFileSync } = require('child_process');

const [modules, reportPath, pdfPath, maxPagesArg] = process.argv.slice(2);
const maxPages = Number(maxPagesArg || 0);
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
}

const normalise = (s) => s.replace(/\s+/g, ' ').trim();

// The text of each sheet: pdftotext separates sheets with form feeds.
function sheetsOf(pdf) {
  let text;
  try {
    text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'],
                        { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    throw new Error(`pdftotext could not read ${pdf} (package poppler-utils; ` +
                    `run scripts/install-deps.sh): ${e.message}`);
  }
  const sheets = text.split('\f');
  if (sheets.length > 0 && sheets[sheets.length - 1].trim() === '') sheets.pop();
  return sheets.map((s) => s.split('\n').map(normalise).filter((l) => l.length > 0));
}

// The right edge of the rightmost word on each sheet, in points, and the
// sheet's width (pdftotext -bbox).
function rightEdges(pdf) {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const pages = [];
  for (const page of html.split('<page ').slice(1)) {
    const width = Number(/width="([\d.]+)"/.exec(page)[1]);
    let right = 0;
    const words = /xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</g;
    for (const [, xMin, xMax, word] of page.matchAll(words)) {
      // A full-width closing bracket (》」）』】) carries its ink in its left
      // half; Chromium lets its blank half reach into the margin.
      const hangs = /[》」）』】]$/.test(word) && word.length > 0;
      const width = (Number(xMax) - Number(xMin)) / [...word].length;
      right = Math.max(right, Number(xMax) - (hangs ? width / 2 : 0));
    }
    pages.push({ width, right });
  }
  return pages;
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
  const reportUrl = url.pathToFileURL(path.resolve(reportPath)).href;
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-extensions', '--no-first-run'],
  });
  let dom;
  try {
    const context = await browser.newContext();
    await context.route('**/*', (route) =>
      route.request().url() === reportUrl ? route.continue() : route.abort());
    const page = await context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load', timeout: 10000 });
    await page.emulateMedia({ media: 'print' });
    dom = await page.evaluate(() => {
      const problems = [];
      const style = (e) => getComputedStyle(e);
      const shown = (e) => style(e).display !== 'none' && !e.closest('.print-omit, details');
      const name = (e) => `${e.tagName.toLowerCase()} "${(e.textContent || '').trim().slice(0, 60)}"`;
      const headings = [];
      for (const h of document.querySelectorAll('h1, h2, h3, h4, figcaption')) {
        if (!shown(h)) continue;
        headings.push((h.textContent || '').replace(/\s+/g, ' ').trim());
        if (h.tagName === 'H1') continue;
        if (style(h).breakAfter !== 'avoid') problems.push(`${name(h)}: break-after is ${style(h).breakAfter}`);
        let next = h.nextElementSibling;
        while (next && !shown(next)) next = next.nextElementSibling;
        if (!next) problems.push(`${name(h)} is followed by nothing in its ${h.parentElement.tagName.toLowerCase()}`);
      }
      for (const t of document.querySelectorAll('thead')) {
        if (shown(t) && style(t).display !== 'table-header-group') {
          problems.push(`a thead is displayed as ${style(t).display}`);
        }
      }
      for (const s of document.querySelectorAll('svg.chart, figure')) {
        if (style(s).breakInside !== 'avoid') problems.push(`${s.tagName.toLowerCase()}#${s.id} may be split`);
      }
      for (const e of document.body.querySelectorAll('*')) {
        if (e.closest('svg')) continue;
        const s = style(e);
        if (s.wordBreak === 'break-all') problems.push(`${name(e)} has word-break: break-all`);
        if (s.overflowWrap === 'anywhere') problems.push(`${name(e)} has overflow-wrap: anywhere`);
      }
      for (const e of document.querySelectorAll('td.num, th.num, .id')) {
        if (style(e).whiteSpace !== 'nowrap') { problems.push(`${name(e)} may wrap`); break; }
      }
      const nav = document.querySelector('nav');
      if (!nav || style(nav).display === 'none') problems.push('the table of contents is not printed');
      return { problems, headings, lang: document.documentElement.lang };
    });
    for (const p of dom.problems.slice(0, 20)) check(false, `print layout: ${p}`);
    if (dom.problems.length > 20) check(false, `... and ${dom.problems.length - 20} more`);
    // As the CLI prints: A4 from the page's @page rule, no browser header.
    fs.mkdirSync(path.dirname(pdfPath), { recursive: true });
    await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true,
                     displayHeaderFooter: false, printBackground: true });
  } finally {
    await browser.close();
  }

  const sheets = sheetsOf(pdfPath);
  const total = sheets.length;
  check(total > 0, 'the PDF has no pages');
  if (maxPages > 0) check(total <= maxPages, `${total} pages printed, at most ${maxPages} allowed`);
  const numberOf = dom.lang.startsWith('zh')
    ? (n, m) => `第 ${n} 页，共 ${m} 页`
    : (n, m) => `Page ${n} of ${m}`;
  const headings = new Set(dom.headings.map(normalise).filter((h) => h.length > 0));
  sheets.forEach((lines, i) => {
    const n = i + 1;
    const number = numberOf(n, total);
    const footer = lines.findIndex((l) => l.includes(number));
    check(footer >= 0, `page ${n} does not say "${number}"`);
    // The body: the lines between the running header (first line) and the
    // page number.
    const body = lines.slice(1, footer >= 0 ? footer : lines.length);
    if (body.length === 0) return;
    check(!body.every((l) => headings.has(l)), `page ${n} holds only headings: ${body.join(' | ')}`);
    const last = body[body.length - 1];
    check(!headings.has(last), `page ${n} ends on the heading "${last}"`);
  });
  // The right margin is 14 mm; the header's right box ends on it.
  const margin = (14 / 25.4) * 72;
  rightEdges(pdfPath).forEach(({ width, right }, i) => {
    check(right <= width - margin + 2,
          `page ${i + 1}: text reaches ${right.toFixed(1)} pt, past the right margin at ` +
          `${(width - margin).toFixed(1)} pt`);
  });
  console.log(`${reportPath}: ${total} A4 pages${maxPages > 0 ? ` (at most ${maxPages})` : ''}; ` +
              `${pdfPath}`);
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
