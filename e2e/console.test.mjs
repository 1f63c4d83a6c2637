// Browser end-to-end tests for the otandas staff console.
//
// Run through `bash e2e/run.sh`, which builds and starts `otandas serve --demo` and sets:
//   OTANDAS_E2E_URL       base URL of the running server, e.g. http://127.0.0.1:40123
//   OTANDAS_E2E_ACCOUNTS  path of a file holding the server's `demo-account role=… email=… password=… totp_secret=…` lines
//   OTANDAS_E2E_OUTBOX    the demo's mail outbox folder (`demo-outbox …` line), where signup links land
//   OTANDAS_E2E_REQUIRED  when "1", a missing URL/accounts file fails the browser tests instead of skipping them
// Optional:
//   OTANDAS_E2E_CHROMIUM  browser executable (default /usr/bin/chromium, Debian's package)
//
// The TOTP unit tests (RFC 6238 vectors) need neither a server nor a browser:
//   node --test --test-name-pattern=RFC e2e/console.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TEST_TIMEOUT_MS = 30_000;
const ACTION_TIMEOUT_MS = 10_000;
const ARTIFACTS_DIR = fileURLToPath(new URL('./artifacts/', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---------------------------------------------------------------------------
// RFC 4648 base32 and RFC 6238 TOTP (HMAC-SHA1), written here on purpose so that
// the test does not share code with the server it checks.

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input) {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = BASE32_ALPHABET.indexOf(ch);
    if (index === -1) {
      throw new Error(`invalid base32 character ${JSON.stringify(ch)}`);
    }
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

export function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary =
    ((mac[offset] & 0x7f) << 24) |
    (mac[offset + 1] << 16) |
    (mac[offset + 2] << 8) |
    mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(key, unixSeconds, { step = 30, digits = 6 } = {}) {
  return hotp(key, Math.floor(unixSeconds / step), digits);
}

describe('TOTP helper (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 column; the seed is the ASCII string "12345678901234567890".
  const seed = Buffer.from('12345678901234567890', 'ascii');
  const vectors = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  test('RFC 6238 SHA-1 test vectors (8 digits)', () => {
    for (const [time, expected] of vectors) {
      assert.equal(totp(seed, time, { digits: 8 }), expected, `T=${time}`);
    }
  });

  test('RFC 6238 vectors through base32 decoding (6 digits)', () => {
    const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.deepEqual(key, seed);
    // Lower case, spaces and padding are tolerated, as authenticator apps do.
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), seed);
    assert.deepEqual(base32Decode('MZXW6==='), Buffer.from('foo'));
    for (const [time, expected] of vectors) {
      assert.equal(totp(key, time), expected.slice(-6), `T=${time}`);
    }
  });

  test('RFC 4226 HOTP test vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(seed, counter), code, `counter=${counter}`));
  });
});

// ---------------------------------------------------------------------------
// Demo accounts printed by `otandas serve --demo`.

export function parseDemoAccounts(text) {
  const accounts = new Map();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('demo-account ')) continue;
    const fields = {};
    for (const match of trimmed.matchAll(/(\w+)=(\S+)/g)) {
      fields[match[1]] = match[2];
    }
    if (!fields.role || !fields.email || !fields.password) {
      throw new Error(`malformed demo-account line: ${trimmed}`);
    }
    accounts.set(fields.role, {
      role: fields.role,
      email: fields.email,
      password: fields.password,
      totpSecret: fields.totp_secret && fields.totp_secret !== '-' ? fields.totp_secret : null,
    });
  }
  return accounts;
}

test('demo-account lines are parsed', () => {
  const accounts = parseDemoAccounts(
    [
      'listening on http://127.0.0.1:1234',
      'demo-account role=auditor email=a@example.org password=p4ss totp_secret=JBSWY3DPEHPK3PXP',
      'demo-account role=member email=m@example.org password=x totp_secret=-',
    ].join('\n'),
  );
  assert.equal(accounts.size, 2);
  assert.deepEqual(accounts.get('auditor'), {
    role: 'auditor',
    email: 'a@example.org',
    password: 'p4ss',
    totpSecret: 'JBSWY3DPEHPK3PXP',
  });
  assert.equal(accounts.get('member').totpSecret, null);
});

// ---------------------------------------------------------------------------
// Browser tests against a running server.

const baseUrl = process.env.OTANDAS_E2E_URL;
const accountsPath = process.env.OTANDAS_E2E_ACCOUNTS;
const required = process.env.OTANDAS_E2E_REQUIRED === '1';
const serverMissing = !baseUrl || !accountsPath;
if (serverMissing && required) {
  throw new Error('OTANDAS_E2E_REQUIRED=1 but OTANDAS_E2E_URL / OTANDAS_E2E_ACCOUNTS are not set');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (path) => new URL(path, baseUrl).href;
const pathIs = (path) => (u) => u.pathname === path;

describe('staff console in Chromium', { skip: serverMissing && 'OTANDAS_E2E_URL / OTANDAS_E2E_ACCOUNTS not set (run bash e2e/run.sh)' }, () => {
  let browser;
  let accounts;

  before(async () => {
    accounts = parseDemoAccounts(readFileSync(accountsPath, 'utf8'));
    for (const role of ['central_officer', 'auditor', 'member']) {
      assert.ok(accounts.has(role), `demo account for role ${role} is listed`);
    }
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: process.env.OTANDAS_E2E_CHROMIUM || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      timeout: TEST_TIMEOUT_MS,
    });
  }, { timeout: TEST_TIMEOUT_MS });

  after(async () => {
    await browser?.close();
  });

  // A fresh browser context (no cookies, English locale) per test; a screenshot on failure.
  async function withPage(name, fn) {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
    const page = await context.newPage();
    try {
      await fn(page);
    } catch (error) {
      await page
        .screenshot({ path: `${ARTIFACTS_DIR}failure-${name}.png`, fullPage: true })
        .catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }

  function formWith(page, fieldName) {
    return page.locator('form').filter({ has: page.locator(`input[name=${fieldName}]`) }).first();
  }

  async function submitPassword(page, email, password) {
    await page.goto(url('/login'));
    const form = formWith(page, 'password');
    await form.locator('input[name=email]').fill(email);
    await form.locator('input[name=password]').fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      form.locator('button[type=submit]').first().click(),
    ]);
    await page.waitForLoadState('load');
    return response;
  }

  // Code for the current 30 s step; waits for the next step when this one is about to end, or
  // when this secret already used this step (the server refuses a replayed code, as it should).
  const lastStep = new Map();
  async function currentCode(secret) {
    let remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
    if (remaining < 3) await sleep(remaining * 1000 + 250);
    if (lastStep.get(secret) === Math.floor(Date.now() / 30000)) {
      remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
      await sleep(remaining * 1000 + 250);
    }
    lastStep.set(secret, Math.floor(Date.now() / 30000));
    return totp(base32Decode(secret), Date.now() / 1000);
  }

  async function staffLogin(page, account) {
    assert.ok(account.totpSecret, `${account.role} has a TOTP secret`);
    await submitPassword(page, account.email, account.password);
    await page.waitForURL(pathIs('/login/second-factor'));
    const form = formWith(page, 'code');
    await form.locator('input[name=code]').fill(await currentCode(account.totpSecret));
    await Promise.all([page.waitForURL(pathIs('/console')), form.locator('button[type=submit]').first().click()]);
    await page.waitForLoadState('load');
  }

  const heading = (page) => page.locator('main h1').first();
  const htmlLang = (page) => page.locator('html').getAttribute('lang');

  test('central officer signs in with TOTP and switches the console to Kazakh', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage('console-kk', async (page) => {
      await staffLogin(page, accounts.get('central_officer'));
      assert.equal(await htmlLang(page), 'en');
      assert.equal((await heading(page).innerText()).trim(), 'Console');

      await page.locator('a[hreflang=kk]').first().click();
      await page.waitForSelector('html[lang=kk]', { state: 'attached' });
      await page.waitForLoadState('load');
      assert.equal((await heading(page).innerText()).trim(), 'Басқару панелі');

      // The choice is kept in a cookie: a plain URL without ?lang= stays Kazakh, also after a reload.
      const response = await page.goto(url('/console'));
      assert.equal(response.status(), 200);
      assert.equal(await htmlLang(page), 'kk');
      assert.equal((await heading(page).innerText()).trim(), 'Басқару панелі');
      await page.reload();
      assert.equal(await htmlLang(page), 'kk');
      assert.equal((await heading(page).innerText()).trim(), 'Басқару панелі');

      await page.screenshot({ path: `${ARTIFACTS_DIR}console-kk.png`, fullPage: true });
    });
  });

  test('a wrong password is refused with an alert on /login', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage('wrong-password', async (page) => {
      const member = accounts.get('member');
      const response = await submitPassword(page, member.email, `${member.password}-wrong`);
      assert.equal(response.status(), 401);
      const alert = page.locator('[role=alert]').first();
      await alert.waitFor({ state: 'visible' });
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.notEqual((await alert.innerText()).trim(), '');
      // Still the login form, not the console.
      assert.equal(await page.locator('input[name=password]').count(), 1);
    });
  });

  test('auditor signs in with TOTP and reads the audit log', { timeout: TEST_TIMEOUT_MS }, async () => {
    await withPage('audit-log', async (page) => {
      await staffLogin(page, accounts.get('auditor'));
      const response = await page.goto(url('/console/audit'));
      assert.equal(response.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/console/audit');
      const rows = page.locator('table tbody tr');
      await rows.first().waitFor({ state: 'attached' });
      assert.ok((await rows.count()) >= 1, 'the audit table lists at least one entry');
      await page.screenshot({ path: `${ARTIFACTS_DIR}audit-log.png`, fullPage: true });
    });
  });

  // The newest message in the demo outbox, decoded from quoted-printable.
  function newestMail() {
    const dir = process.env.OTANDAS_E2E_OUTBOX;
    assert.ok(dir, 'OTANDAS_E2E_OUTBOX is set');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
    assert.ok(files.length > 0, 'a message was written to the outbox');
    const raw = readFileSync(`${dir}/${files[files.length - 1]}`, 'utf8');
    return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }

  test('a visitor registers, confirms the email link, and enters the registry', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    await withPage('self-registration', async (page) => {
      const email = `e2e-${Date.now()}@example.org`;
      const password = 'a long e2e password';
      await page.goto(url('/signup'));
      const form = formWith(page, 'display_name');
      await form.locator('input[name=email]').fill(email);
      await form.locator('input[name=display_name]').fill('Zhanar Abilova');
      await form.locator('select[name=language]').selectOption('en');
      await form.locator('button[type=submit]').first().click();
      await page.locator('[role=status]').first().waitFor({ state: 'visible' });

      const link = newestMail().match(/https?:\/\/\S+\/signup\/complete\?token=[A-Za-z0-9_-]+/);
      assert.ok(link, 'the message carries the verification link');
      await page.goto(link[0]);
      const complete = formWith(page, 'confirm');
      await complete.locator('input[name=password]').fill(password);
      await complete.locator('input[name=confirm]').fill(password);
      await Promise.all([page.waitForURL(pathIs('/login')), complete.locator('button[type=submit]').first().click()]);

      await submitPassword(page, email, password);
      await page.waitForURL(pathIs('/me'));
      await page.goto(url('/me/profile'));
      const record = formWith(page, 'n1_family');
      await record.locator('input[name=n1_family]').fill('Abilova');
      await record.locator('input[name=n1_given]').fill('Zhanar');
      await record.locator('select[name=n1_script]').selectOption('Latn');
      await record.locator('select[name=n1_source]').selectOption('passport');
      await record.locator('input[name=residence_country]').fill('DE');
      await record.locator('input[name=birth_date]').fill('1988-03');
      await record.locator('input[name=consent_statistics]').check();
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/me/profile' && u.search.includes('done=registered')),
        record.locator('button[type=submit]').last().click(),
      ]);
      assert.equal((await heading(page).innerText()).trim(), 'Abilova Zhanar');
      // One click withdraws the consent to statistics; the page says it is in force.
      const statistics = page.locator('form').filter({ has: page.locator('input[name=purpose][value=statistics]') });
      assert.equal(await statistics.locator('input[name=granted]').inputValue(), 'false', 'statistics consent is given');
      await Promise.all([
        page.waitForURL((u) => u.search.includes('done=consent')),
        statistics.locator('button').click(),
      ]);
      const again = page.locator('form').filter({ has: page.locator('input[name=purpose][value=statistics]') });
      assert.equal(await again.locator('input[name=granted]').inputValue(), 'true', 'now withdrawn: the button offers to give it');
      await page.screenshot({ path: `${ARTIFACTS_DIR}own-record.png`, fullPage: true });
    });
  });

  test('a central officer registers a person and finds them in the list', { timeout: TEST_TIMEOUT_MS * 3 }, async () => {
    await withPage('register-person', async (page) => {
      await staffLogin(page, accounts.get('central_officer'));
      await page.goto(url('/console/people/new'));
      const form = formWith(page, 'n1_family');
      await form.locator('input[name=n1_family]').fill('Тестова');
      await form.locator('input[name=n1_given]').fill('Сәуле');
      await form.locator('select[name=n1_script]').selectOption('Cyrl');
      await form.locator('select[name=n1_source]').selectOption('kazakh_cyrillic');
      await form.locator('input[name=residence_country]').fill('MN');
      await form.locator('input[name=occupation]').fill('2211');
      await Promise.all([
        page.waitForURL((u) => u.pathname.startsWith('/console/people/') && u.search.includes('done=created')),
        form.locator('button[type=submit]').last().click(),
      ]);
      assert.equal((await heading(page).innerText()).trim(), 'Тестова Сәуле');
      await page.goto(url('/console/people?country=MN&occupation=2211'));
      const names = await page.locator('table tbody tr td:first-child').allInnerTexts();
      assert.ok(names.some((n) => n.trim() === 'Тестова Сәуле'), `listed among ${names.length}`);
      await page.screenshot({ path: `${ARTIFACTS_DIR}people-list.png`, fullPage: false });
    });
  });
});
