// A small W3C WebDriver client for tauri-driver: elements are found the way a person finds
// them, by their visible label, role and text.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DRIVER = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** How long an app start may take before it counts as failed. */
const START_LIMIT_MS = 60_000;
const APP = process.env.DPA_DESK_BINARY ?? new URL('../../target/debug/dpa-desk', import.meta.url).pathname;

async function request(method, path, body, signal = undefined) {
  const response = await fetch(`${DRIVER}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const json = await response.json();
  if (!response.ok) {
    const error = new Error(`${method} ${path}: ${json.value?.error} ${json.value?.message}`);
    error.webdriver = json.value?.error;
    throw error;
  }
  return json.value;
}

/** A fresh data directory for one test. */
export function tempDataDir() {
  return mkdtempSync(join(tmpdir(), 'dpa-desk-e2e-'));
}

/** XPath string literal for any text. */
function literal(text) {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  return `concat('${text.replace(/'/g, `', "'", '`)}')`;
}

export class App {
  /** Starts the app on `dataDir`; `args` are extra command-line flags.
   *
   * An app that dies before its window opens (seen once: GTK could not reach the X server)
   * leaves WebKitWebDriver waiting for it without end. The start normally takes under a
   * second, ten on a busy machine; after a minute it is abandoned and the app is started
   * once more, which the driver then serves. A second failure fails the test. */
  static async start(dataDir, args = []) {
    const capabilities = {
      alwaysMatch: {
        browserName: 'wry',
        'tauri:options': { application: APP, args: ['--data-dir', dataDir, ...args] },
      },
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const session = await request('POST', '/session', { capabilities }, AbortSignal.timeout(START_LIMIT_MS));
        return new App(session.sessionId, dataDir);
      } catch (error) {
        if (error.name !== 'TimeoutError' || attempt === 2) throw error;
        console.log(`the app did not start within ${START_LIMIT_MS / 1000} s; starting it again`);
      }
    }
  }

  constructor(id, dataDir) {
    this.id = id;
    this.dataDir = dataDir;
  }

  async quit() {
    await request('DELETE', `/session/${this.id}`);
  }

  async find(xpath, { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const found = await request('POST', `/session/${this.id}/element`, { using: 'xpath', value: xpath });
        return new Element(this, found[ELEMENT]);
      } catch (error) {
        if (error.webdriver !== 'no such element' || Date.now() > deadline) {
          throw new Error(`not found: ${xpath}`, { cause: error });
        }
        await sleep(100);
      }
    }
  }

  async findAll(xpath) {
    const found = await request('POST', `/session/${this.id}/elements`, { using: 'xpath', value: xpath });
    return found.map((f) => new Element(this, f[ELEMENT]));
  }

  /** Waits until nothing matches the xpath. */
  async gone(xpath, { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    while ((await this.findAll(xpath)).length > 0) {
      if (Date.now() > deadline) throw new Error(`still there: ${xpath}`);
      await sleep(100);
    }
  }

  /** The input, select or textarea whose <label> reads `text`. */
  async field(text) {
    const label = await this.find(`//label[normalize-space()=${literal(text)}]`);
    const id = await label.attribute('for');
    if (id) return this.find(`//*[@id=${literal(id)}]`);
    return this.find(`//label[normalize-space()=${literal(text)}]//input`);
  }

  /** A button by its text or, where the text alone is ambiguous, its accessible name. */
  async button(text) {
    return this.find(`//button[normalize-space()=${literal(text)} or @aria-label=${literal(text)}]`);
  }

  async heading(text) {
    return this.find(`//*[self::h1 or self::h2][normalize-space()=${literal(text)}]`);
  }

  /** An element with role=alert or role=status whose text contains `text`. */
  async message(text, options) {
    return this.find(`//*[(@role='alert' or @role='status') and contains(normalize-space(), ${literal(text)})]`, options);
  }

  async text(text) {
    return this.find(`//*[normalize-space()=${literal(text)}]`);
  }

  async fill(label, value) {
    const input = await this.field(label);
    // Select all and delete, as a person would: the page sees the input events.
    await input.type('\uE009a\uE000\uE017');
    if (value !== '') await input.type(value);
    return input;
  }

  async select(label, value) {
    const select = await this.field(label);
    await this.script('arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event("change", { bubbles: true }));', [select.ref(), value]);
  }

  async script(body, args = []) {
    return request('POST', `/session/${this.id}/execute/sync`, { script: body, args });
  }

  /** Runs `body` as an asynchronous script: it calls its last argument with the result. */
  async scriptAsync(body, args = [], timeoutMs = 300_000) {
    await request('POST', `/session/${this.id}/timeouts`, { script: timeoutMs });
    return request('POST', `/session/${this.id}/execute/async`, { script: body, args });
  }

  /** Calls commands over the app's IPC as any script in the page could, each with a time
   * limit; for each: whether it succeeded, the error it gave, and how long it took. Values
   * `{ __huge: n }` in the arguments become strings of `n` characters inside the page. */
  async invokeEach(calls, limitMs = 15_000) {
    return this.scriptAsync(
      `const [calls, limit, done] = arguments;
       const expand = (v) => {
         if (Array.isArray(v)) return v.map(expand);
         if (v && typeof v === 'object') {
           if ('__huge' in v) return 'x'.repeat(v.__huge);
           return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
         }
         return v;
       };
       (async () => {
         const out = [];
         for (const [command, args] of calls) {
           const started = performance.now();
           try {
             const value = await Promise.race([
               window.__TAURI_INTERNALS__.invoke(command, expand(args)),
               new Promise((_, reject) => setTimeout(() => reject('no answer in time'), limit)),
             ]);
             out.push({ command, ok: true, value: JSON.stringify(value ?? null).slice(0, 200), ms: performance.now() - started });
           } catch (error) {
             out.push({ command, ok: false, error: typeof error === 'string' ? error.slice(0, 400) : error, ms: performance.now() - started });
           }
         }
         done(out);
       })();`,
      [calls, limitMs],
    );
  }

  async screenshot() {
    return Buffer.from(await request('GET', `/session/${this.id}/screenshot`), 'base64');
  }
}

class Element {
  constructor(app, id) {
    this.app = app;
    this.id = id;
  }
  ref() {
    return { [ELEMENT]: this.id };
  }
  path(suffix) {
    return `/session/${this.app.id}/element/${this.id}/${suffix}`;
  }
  async click() {
    await request('POST', this.path('click'), {});
  }
  async type(text) {
    await request('POST', this.path('value'), { text });
  }
  async value() {
    return request('GET', this.path('property/value'));
  }
  async checked() {
    return request('GET', this.path('selected'));
  }
  async attribute(name) {
    return request('GET', this.path(`attribute/${name}`));
  }
  async textContent() {
    return request('GET', this.path('text'));
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
