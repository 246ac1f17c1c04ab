// The browser test's helpers: the real frontdoor-server over a temporary database with
// the demo hub (init + demo + serve --port 0), and Debian's chromium driven by
// playwright-core. Nothing here sleeps to synchronise: every wait is for a condition,
// with a timeout.

import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

export const ADMIN_PASSWORD = 'admin-password-1';
export const LOGINS = {
  manager: { username: 'manager', password: 'manager-demo-1' },
  reception: { username: 'reception', password: 'reception-demo-1' },
  practitioner: { username: 'midwife', password: 'midwife-demo-1' },
};

/**
 * Starts init + demo + serve; resolves once the server printed its address.
 * `prepare(db)`, when given, runs between demo and serve: the place for a test's own
 * fixture rows (see sqlite()), written before the server reads anything.
 */
export async function startServer({ binary, sourceDir, prepare }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdoor-web-'));
  const db = path.join(dir, 'frontdoor.db');
  const tokenFile = path.join(dir, 'kiosk.token');
  const env = { ...process.env, FRONTDOOR_ADMIN_PASSWORD: ADMIN_PASSWORD };
  await run(binary, ['init', '--db', db, '--admin-user', 'admin'], { env, timeout: 30_000 });
  const demo = await run(binary, ['demo', '--db', db, '--kiosk-token-file', tokenFile], { env, timeout: 60_000 });
  const kioskToken = fs.readFileSync(tokenFile, 'utf8').trim();
  if (prepare) await prepare(db);

  const child = spawn(binary, ['serve', '--db', db, '--bind', '127.0.0.1', '--port', '0',
    '--web-root', path.join(sourceDir, 'assets', 'web')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`server did not start in 15 s: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^listening on (http:\/\/\S+)$/.exec(line.trim());
      if (m) resolve(m[1]); else reject(new Error(`unexpected first line: ${line}`));
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening: ${stderr}`)); });
  });

  return {
    url,
    kioskToken,
    demoOutput: demo.stdout,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
        throw new Error('the server did not stop within 15 s of SIGTERM');
      }
      fs.rmSync(dir, { recursive: true, force: true });
      return exited;
    },
  };
}

/** Runs SQL on a database file with Debian's sqlite3 (deploy/setup test installs it);
 * resolves to its standard output. For fixtures only: the page never goes round the API. */
export async function sqlite(db, sql) {
  const { stdout } = await run('sqlite3', ['-batch', '-bail', db, sql], { timeout: 10_000 });
  return stdout.trim();
}

// An en-US browser on purpose: the page must show en-GB dates and times (14/03/2027,
// 14:30) whatever the browser's own language says.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'];

/**
 * One browser of its own (Debian's chromium, headless) with a fresh profile
 * (--user-data-dir), so each role signs in with its own cookie jar. close() ends the
 * browser and removes the profile.
 */
export async function openBrowser(baseURL) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdoor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    locale: 'en-US',
    timezoneId: 'Europe/London',
    viewport: { width: 1366, height: 900 }, // a hub's wall screen
    env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
  });
  const page = context.pages()[0] ?? await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A refused request shows up as a console error; the tests check those answers themselves.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form and waits for the day to be drawn. */
export async function signIn(page, who) {
  await page.goto('/');
  await page.waitForSelector('#signin-form', { state: 'visible', timeout: 10_000 });
  await page.fill('#signin-username', who.username);
  await page.fill('#signin-password', who.password);
  await page.click('#signin-submit');
  await page.waitForSelector('#topbar', { state: 'visible', timeout: 10_000 });
}

/** A JSON request to the API with a bearer token or a kiosk token. */
export async function apiCall(baseURL, method, pathName, { token, cookie, csrf, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(new URL(pathName, baseURL), {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, json, headers: res.headers };
}

export function screensDir(sourceDir) {
  const dir = process.env.FRONTDOOR_SCREENS_DIR ?? path.join(sourceDir, 'docs', 'screens', 'web');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.x A/AA violations axe-core finds on the page as it is now (labels,
 * contrast, names, landmarks), as short lines; [] when there are none. The engine is
 * evaluated through the DevTools protocol, so the page's CSP stays as it is.
 */
export async function accessibilityProblems(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}
