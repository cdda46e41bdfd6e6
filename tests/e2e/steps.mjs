// Steps the real-webview tests share: creating and unlocking a vault, keyboard presses,
// customers and the export folder, reading saved files, and the check that nothing typed
// reached the disk in the clear.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

export const PASSPHRASE = 'zeven zonnige zeilboten';
/** In the temporary folder: every text the tests typed and checked for, one JSON string a line. */
export const SECRETS_FILE = 'typed-secrets.jsonl';
/** Export folders the tests choose start with one of these: what the officer exports is
 * plaintext by design. */
export const EXPORT_PREFIXES = ['dpa-desk-exports-', 'dpa-desk-notices-', 'dpa-desk-letters-', 'dpa-desk-requests-', 'dpa-desk-trust-', 'dpa-desk-opened-', 'dpa-desk-mailbox-', 'dpa-desk-onboarding-'];
export const ENTER = '\uE007';
export const SPACE = ' ';

/** Now minus `hours`, typed the Dutch way in Amsterdam time: 24-11-2026 09:15. */
export const hoursAgo = (hours) => typedMoment(-hours * 3_600_000, true);

/** Waits until the breach wizard says it saved its draft. */
export async function wizardSaved(app) {
  await app.message('Concept opgeslagen om');
}

/** Registers an incident discovered `hours` ago and fills the wizard's first two steps (what
 * happened: `summary`, wrongly sent, seen); ends on step 3, the affected customers. */
export async function registerIncident(app, title, summary, hours) {
  await press(app, 'Incidenten');
  await press(app, 'Nieuw incident');
  await app.fill('Korte titel van het incident', title);
  await press(app, 'Incident registreren');
  await app.heading('1. Ontdekking en tijdlijn');
  await app.fill('Ontdekt op', hoursAgo(hours));
  await wizardSaved(app);
  await press(app, 'Volgende stap');
  await app.heading('2. Wat er gebeurde');
  await app.fill('Samenvatting van het incident', summary);
  await app.select('Soort incident', 'wrongly_sent');
  await tick(app, 'Ingezien');
  await wizardSaved(app);
  await press(app, 'Volgende stap');
  await app.heading('3. Getroffen klanten');
}

/** Activates a button as a keyboard user does: focus it and press Enter. */
export async function press(app, label) {
  await (await app.button(label)).type(ENTER);
}

/** Toggles a checkbox or radio button with the space bar. */
export async function tick(app, label) {
  await (await app.field(label)).type(SPACE);
}

/** The text of a PDF as one line of words. */
export function pdfText(path) {
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
}

/** The name of the file starting with `prefix` (and ending in `suffix`) once it is in
 * `folder` (waiting at most 60 s): the finished file, not the temporary one an atomic write
 * renames into place. */
export async function savedFile(folder, prefix, suffix = '') {
  for (let tries = 0; tries < 600; tries += 1) {
    const found = readdirSync(folder).find((f) => f.startsWith(prefix) && f.endsWith(suffix) && !f.endsWith('.tmp'));
    if (found) return found;
    await sleep(100);
  }
  assert.fail(`no ${prefix}… in ${readdirSync(folder).join(', ')}`);
}

/** Waits until the app has asked the desktop to open `path` (tests/e2e/bin/xdg-open logs it). */
export async function openedByDesktop(path) {
  const log = join(tmpdir(), 'dpa-desk-opened-', 'files.log');
  for (let tries = 0; tries < 600; tries += 1) {
    if (existsSync(log) && readFileSync(log, 'utf8').split('\n').includes(path)) return;
    await sleep(100);
  }
  assert.fail(`${path} was not opened; opened: ${existsSync(log) ? readFileSync(log, 'utf8') : 'nothing'}`);
}

/** Now moved by `milliseconds`, typed the Dutch way in Amsterdam: `24-11-2026`, or
 * `24-11-2026 14:30` with the time. */
export function typedMoment(milliseconds, withTime) {
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + milliseconds));
  const part = (type) => parts.find((p) => p.type === type).value;
  const date = `${part('day')}-${part('month')}-${part('year')}`;
  return withTime ? `${date} ${part('hour')}:${part('minute')}` : date;
}

/** Sets the folder exports go to without asking. */
export async function useExportFolder(app, folder) {
  await press(app, 'Instellingen');
  await app.fill('Exportmap', folder);
  await press(app, 'Instellingen opslaan');
  await app.message('Instellingen opgeslagen.');
}

/** Adds a sub-processor to the register and ends on its page. */
export async function addSubProcessor(app, name, activities, country) {
  await press(app, 'Subverwerkers');
  await press(app, 'Subverwerker toevoegen');
  await app.fill('Naam', name);
  await app.fill('Wat zij voor ons doen', activities);
  await app.select('Land waar de gegevens staan', country);
  await press(app, 'Opslaan');
  await app.heading(name);
}

/** Chooses a customer by name in the select labelled `label`, once its option is there. */
export async function chooseCustomer(app, label, name) {
  const select = await app.field(label);
  const option = await app.find(`//select[@id='${await select.attribute('id')}']/option[normalize-space()='${name}']`);
  await app.select(label, await option.attribute('value'));
}

/** Adds a customer with one contact through the form. */
export async function addCustomer(app, [name, contact, email]) {
  await press(app, 'Klanten');
  await press(app, 'Klant toevoegen');
  await app.fill('Naam', name);
  await press(app, 'Contactpersoon toevoegen');
  await app.fill('Naam contactpersoon 1', contact);
  await app.fill('E-mail contactpersoon 1', email);
  await press(app, 'Opslaan');
  await app.heading('Klant bewerken');
}

/** Our own sample agreement, written for the tests (never the user's). */
export const SAMPLE_AGREEMENT = join(import.meta.dirname, '../../assets/samples/modelovereenkomst.nl.txt');

/** Our own later version of it: 30 days to object, and a clause more. */
export const SAMPLE_AGREEMENT_2026 = join(import.meta.dirname, '../../assets/samples/modelovereenkomst-2026.nl.txt');

/** Imports an agreement text (our sample unless `file` says otherwise) as version `label`
 * of the template, dated `date`, with the form's terms changed as `terms` says (label →
 * value). */
export async function importTemplate(app, label, { file = SAMPLE_AGREEMENT, date = '03-03-2025', terms = {} } = {}) {
  await press(app, 'Overeenkomsten');
  await press(app, 'Nieuwe versie');
  await app.fill('Bestand met de tekst', file);
  await press(app, 'Inlezen');
  await app.fill('Versielabel', label);
  await app.fill('Versiedatum', date);
  for (const [field, value] of Object.entries(terms)) await app.fill(field, value);
  await press(app, 'Versie opslaan');
  await app.message(`Versie ${label} opgeslagen.`);
  await press(app, 'Terug naar overeenkomsten');
}

/** Signs the current template version for a customer, from the agreements overview. */
export async function signAgreement(app, customer, signedBy) {
  await press(app, 'Overeenkomsten');
  await (await app.find(`//table//button[normalize-space()='${customer}']`)).type(ENTER);
  await app.heading('Overeenkomsten van deze klant');
  await app.fill('Ondertekend op', '01-04-2025');
  await app.fill('Ondertekend door', signedBy);
  await press(app, 'Overeenkomst opslaan');
  await app.message('Overeenkomst opgeslagen.');
}

export async function createVault(app) {
  await app.heading('Nieuwe kluis aanmaken');
  await app.fill('Uw naam (privacyfunctionaris)', 'Fatima El Amrani');
  await app.fill('Wachtwoordzin', PASSPHRASE);
  await app.fill('Wachtwoordzin herhalen', PASSPHRASE);
  await app.fill('Naam verwerker', 'Wolkwerk B.V.');
  await app.fill('KvK-nummer', '87654321');
  await app.fill('E-mailadres privacy', 'privacy@wolkwerk.example');
  await (await app.button('Kluis aanmaken')).click();
  await toCustomers(app);
}

/** From the start screen, which opens after unlocking, to the customer list. */
export async function toCustomers(app) {
  await app.heading('Overzicht');
  await (await app.button('Klanten')).click();
  await app.heading('Klanten');
}

export async function unlock(app, passphrase) {
  await app.heading('Kluis ontgrendelen');
  await app.fill('Wachtwoordzin', passphrase);
  await (await app.button('Ontgrendelen')).click();
}

/** Paths and sizes of every file below `dir`, one line each. */
function listing(dir) {
  let names;
  try {
    names = readdirSync(dir, { recursive: true });
  } catch (error) {
    // A folder removed while it was walked (WebKit tidying up): still changing.
    if (error.code === 'ENOENT') return `${dir} changing at ${performance.now()}`;
    throw error;
  }
  return names
    .map((name) => join(dir, name))
    .flatMap((path) => {
      try {
        const stat = statSync(path);
        return stat.isFile() ? [`${path} ${stat.size}`] : [];
      } catch {
        return []; // removed between listing and stat: the next round sees the settled state
      }
    })
    .sort()
    .join('\n');
}

/** Whether any process still has a file below `dir` open (WebKit's helper processes outlive
 * the app by a moment and tidy up their storage when they exit). */
function held(dir) {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(dir + '/')) return true;
      } catch {
        // closed meanwhile
      }
    }
  }
  return false;
}

/** Waits until the app and its WebKit processes have let go of the data folders and their
 * contents stop changing, so the scan sees what stays on disk. */
async function settled(dataDirs) {
  const deadline = Date.now() + 60_000;
  let before = '';
  for (;;) {
    const now = dataDirs.map(listing).join('\n');
    if (now === before && !dataDirs.some(held)) return;
    assert.ok(Date.now() < deadline, 'the data folders keep changing after the app quit');
    before = now;
    await sleep(300);
  }
}

/** Scans every file below each data folder (vault, sidecar, log, WebKit's own storage) for
 * the texts, in UTF-8 and UTF-16, once the app has let go of them. */
export async function assertNoPlaintext(dataDirs, secrets) {
  // Noted for the scan of the whole temporary folder after the suite (leaks.mjs).
  appendFileSync(join(tmpdir(), SECRETS_FILE), secrets.map((s) => JSON.stringify(s) + '\n').join(''));
  await settled(dataDirs);
  let scanned = 0;
  const files = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile());
  for (const dir of dataDirs) {
    assert.ok(readdirSync(dir).includes('webview'), `WebKit keeps its data in ${dir}`);
    for (const path of files(dir)) {
      const name = path.slice(dir.length + 1);
      const bytes = readFileSync(path);
      scanned += 1;
      for (const secret of secrets) {
        for (const encoding of ['utf8', 'utf16le']) {
          assert.equal(bytes.indexOf(Buffer.from(secret, encoding)), -1, `${secret} in ${path}`);
        }
      }
      if (/^vault-\d+\.db$/.test(name)) {
        assert.notEqual(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0', `${path} is plain SQLite`);
      }
    }
  }
  assert.ok(scanned >= dataDirs.length * 3, `scanned ${scanned} files`);
}
