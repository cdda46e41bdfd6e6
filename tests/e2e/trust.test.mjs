// Trust in the real webview: a customer's history from the event log, verifying and exporting
// the log, a backup made now and restored (a wrong passphrase refused, what was typed kept), a
// damaged vault recovered from the locked screen with an automatic backup; then hostile calls
// over IPC to every command, plugin and core commands outside the capability, and remote pages,
// all refused with nothing stored.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, sleep, tempDataDir } from './webdriver.mjs';
import {
  PASSPHRASE,
  addCustomer,
  assertNoPlaintext,
  createVault,
  press,
  savedFile as saved,
  toCustomers,
  unlock,
  useExportFolder,
} from './steps.mjs';

const CUSTOMER = ['Zorggroep Lindeboom', 'Anna de Vries', 'anna@lindeboom.example'];
const MOVED = 'Beukenlaan 9, Utrecht';
const RENAMED = 'Lindeboom Na De Back-up';
const dataDirs = [];
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

/** Presses the button in the confirmation that asks before restoring. */
async function confirmRestore(app) {
  await press(app, 'Terugzetten');
  await (await app.find("//*[@role='alertdialog']//button[normalize-space()='Terugzetten']")).click();
}

test('history, verifying and exporting the log, backing up, restoring, and recovering a damaged vault', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-trust-'));
  let app = (open = await App.start(dir));
  await createVault(app);
  await useExportFolder(app, exports);
  await addCustomer(app, CUSTOMER);
  await app.fill('Adres', MOVED);
  await press(app, 'Opslaan');
  await app.message('Klant opgeslagen.');

  // The customer's history: the change, by whom, the address before and after.
  await press(app, 'Geschiedenis tonen');
  const history = "//section[@aria-label='Geschiedenis']";
  await app.find(`${history}//td[contains(., 'Klant gewijzigd')]`);
  await app.find(`${history}//li[contains(., 'address') and .//ins[normalize-space()='${MOVED}']]`);
  await app.find(`${history}//td[normalize-space()='Fatima El Amrani']`);
  await app.find(`${history}//td[contains(., 'Contactpersoon toegevoegd')]`);

  // The whole log: intact, and exported for an auditor with both hashes.
  await press(app, 'Instellingen');
  await press(app, 'Logboek controleren');
  const intact = await app.message('Het logboek is intact');
  assert.match(await intact.textContent(), /\d+ wijzigingen/);
  await press(app, 'Logboek exporteren (CSV)');
  const log = readFileSync(join(exports, await saved(exports, 'logboek')), 'utf8');
  assert.ok(log.startsWith('\ufeffvolgnummer,tijdstip (UTC),door,tabel,rij,klant,incident,actie,voor,na,vorige hash,hash'), log.slice(0, 200));
  assert.ok(log.includes(MOVED), 'the change is in the export');
  assert.match(log, /,[0-9a-f]{64}\r\n$/);

  // A backup now, into the export folder; then a change after it.
  await press(app, 'Nu een back-up maken');
  await app.message('DPA Desk back-up');
  const backup = join(exports, await saved(exports, 'DPA Desk back-up'));
  assert.ok(!readFileSync(backup).includes(Buffer.from('Lindeboom')), 'the backup is encrypted');
  await press(app, 'Klanten');
  await press(app, CUSTOMER[0]);
  await app.fill('Naam', RENAMED);
  await press(app, 'Opslaan');
  await app.message('Klant opgeslagen.');

  // Restoring with a wrong passphrase is refused, and the path typed stays.
  await press(app, 'Instellingen');
  await app.fill('Back-upbestand', backup);
  await app.fill('Wachtwoordzin van deze back-up', 'niet de goede wachtwoordzin');
  await confirmRestore(app);
  await app.message('Onjuiste wachtwoordzin.');
  assert.equal(await (await app.field('Back-upbestand')).value(), backup);

  // With the right one: the app locks, says where the replaced vault is kept, and opens the
  // vault as it was at the backup.
  await app.fill('Wachtwoordzin van deze back-up', PASSPHRASE);
  await sleep(1200); // the wait after one failed attempt
  await confirmRestore(app);
  const restored = await app.message('De back-up is teruggezet');
  assert.match(await restored.textContent(), /kept-aside/);
  await unlock(app, PASSPHRASE);
  await toCustomers(app);
  await app.text(CUSTOMER[0]);
  assert.equal((await app.findAll(`//*[normalize-space()='${RENAMED}']`)).length, 0);

  // That unlock made an automatic backup.
  await press(app, 'Instellingen');
  await app.find("//section[@aria-label='Back-ups']//td[normalize-space()='automatisch']", { timeout: 60_000 });
  await app.quit();
  open = null;

  // Damage: the vault's first pages overwritten. The app says so and offers recovery.
  const vaultFile = readdirSync(dir).find((f) => /^vault-\d+\.db$/.test(f));
  const bytes = readFileSync(join(dir, vaultFile));
  bytes.fill(0x41, 0, 8192);
  writeFileSync(join(dir, vaultFile), bytes);
  app = open = await App.start(dir);
  await unlock(app, PASSPHRASE);
  await app.message('het kluisbestand beschadigd zijn');
  await press(app, 'Back-up terugzetten…');
  const automatic = readdirSync(join(dir, 'backups')).filter((f) => f.startsWith('auto-') && f.endsWith('.dpabackup'));
  assert.ok(automatic.length >= 1, `automatic backups: ${automatic}`);
  // The locked screen lists the backups in the vault folder, newest first: pick the newest.
  await (await app.find("//button[starts-with(@aria-label, 'Back-up van ')]")).click();
  assert.equal(await (await app.field('Back-upbestand')).value(), join(dir, 'backups', automatic.sort().at(-1)));
  await app.fill('Wachtwoordzin van deze back-up', PASSPHRASE);
  await sleep(1200);
  await confirmRestore(app);
  await app.message('De back-up is teruggezet');
  await unlock(app, PASSPHRASE);
  await toCustomers(app);
  await app.text(CUSTOMER[0]);
  const kept = readdirSync(join(dir, 'kept-aside'));
  assert.equal(kept.length, 2, 'both replaced vaults are kept');
  await app.quit();
  open = null;
  await assertNoPlaintext(dataDirs, [CUSTOMER[0], CUSTOMER[1], CUSTOMER[2], MOVED, RENAMED]);
});

/** Every command the capability allows, from tauri.conf.json. */
function ourCommands() {
  const here = dirname(fileURLToPath(import.meta.url));
  const config = JSON.parse(readFileSync(join(here, '..', '..', 'tauri.conf.json'), 'utf8'));
  return config.app.security.capabilities[0].permissions
    .filter((p) => p.startsWith('allow-'))
    .map((p) => p.slice('allow-'.length).replaceAll('-', '_'));
}

// Commands left out of the hostile calls: the native dialogs wait for a person, locking and
// demo data are meant to work without arguments.
const LEFT_OUT = new Set(['choose_folder', 'choose_template_file', 'choose_customer_file', 'choose_backup_file', 'choose_sub_processing_file', 'lock_vault', 'load_demo_data']);
const UNKNOWN = 987_654_321;
const ID_NAMES = ['id', 'customerId', 'incidentId', 'noticeId', 'letterId', 'auditId', 'subProcessorId', 'announcementId', 'versionId', 'requestId', 'agreementId', 'transferId'];
const WRONG_TYPES = {
  id: 'één', customerId: [], incidentId: {}, noticeId: true, letterId: 'x', input: 'tekst', folder: 42, query: 7,
  passphrase: {}, current: 1, new: [], confirm: false, path: 3, entity: {}, language: 'klingon', settings: [],
  offset: -1, limit: 'alle', ids: 'a', customerIds: {}, terms: 5, delivery: 'x', step: 'zes', facts: [],
};
const huge = (n) => ({ __huge: n });

/** The hostile calls: for each command, missing fields, wrong types, unknown ids and huge
 * values; then deliberate attacks on single commands. */
function hostileCalls(commands) {
  const unknownIds = Object.fromEntries(ID_NAMES.map((name) => [name, UNKNOWN]));
  const negativeIds = Object.fromEntries(ID_NAMES.map((name) => [name, -1]));
  const hugeEverything = Object.fromEntries([...Object.keys(WRONG_TYPES)].map((name) => [name, huge(1_000_000)]));
  const calls = [];
  for (const command of commands) {
    calls.push([command, {}], [command, WRONG_TYPES], [command, unknownIds], [command, negativeIds], [command, hugeEverything]);
  }
  const customer = (fields) => ({
    input: { name: 'Naam', kvk_number: '', address: '', notice_language: 'nl', service_start: '', service_end: '', services: '', contacts: [], ...fields },
  });
  calls.push(
    ['create_customer', customer({ name: huge(2_000_000) })],
    ['create_customer', customer({ address: huge(32_000_000) })],
    ['create_customer', customer({ contacts: Array.from({ length: 5000 }, () => ({ id: null, name: 'x', role: '', email: 'x@y.example', phone: '', designated_for_instructions: false, receives_notices: true })) })],
    ['create_customer', customer({ name: '\u202e\u0000\u0301\u{1f4a3}', kvk_number: '1234567\u0661' })],
    ['create_customer', customer({ notice_language: 'de' })],
    ['customer_page', { query: { search: huge(1_000_000), include_archived: true, offset: -5, limit: 1e12 } }],
    ['get_customer', { id: 2 ** 53 }],
    ['get_customer', { id: 1.5 }],
    ['get_customer', { id: '1 OR 1=1' }],
    ['entity_history', { entity: "customers' OR '1'='1", id: 1 }],
    ['restore_backup', { path: '/etc/passwd', passphrase: PASSPHRASE }],
    ['restore_backup', { path: '/dev/zero', passphrase: PASSPHRASE }],
    ['read_template_file', { path: '/dev/zero' }],
    ['read_template_file', { path: '/proc/self/environ' }],
    ['export_customer', { id: 1, folder: '/proc/sys' }],
    ['back_up_now', { folder: 'relatief/pad' }],
    ['update_settings', { settings: { officer_name: huge(500_000) } }],
    ['set_interface_language', { language: '__proto__' }],
    ['unlock_vault', { passphrase: huge(10_000_000) }],
  );
  return calls;
}

const PLUGIN_AND_CORE = [
  ['plugin:fs|read_text_file', { path: '/etc/passwd' }],
  ['plugin:shell|execute', { program: 'sh', args: ['-c', 'id'] }],
  ['plugin:http|fetch', { clientConfig: { url: 'https://example.com/', method: 'GET' } }],
  ['plugin:dialog|open', {}],
  ['plugin:opener|open_url', { url: 'https://example.com/' }],
  ['plugin:process|exit', { code: 0 }],
  ['plugin:clipboard-manager|read_text', {}],
  ['plugin:window|close', { label: 'main' }],
  ['plugin:window|set_title', { label: 'main', value: 'pwned' }],
  ['plugin:webview|create_webview_window', { options: { label: 'evil', url: 'https://example.com/' } }],
  ['plugin:app|version', {}],
  ['plugin:app|app_hide', {}],
  ['plugin:path|resolve_directory', { directory: 1 }],
  ['plugin:event|emit', { event: 'vault-locked', payload: null }],
  ['plugin:menu|new', { kind: 'Menu', options: {} }],
  ['plugin:tray|new', { options: {} }],
  ['plugin:resources|close', { rid: 1 }],
  ['plugin:image|new', { rgba: [], width: 1, height: 1 }],
  ['no_such_command', {}],
];

test('hostile calls to every command store nothing; plugin and core commands and remote pages are refused', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const app = (open = await App.start(dir));
  await createVault(app);
  await addCustomer(app, CUSTOMER);
  const [before] = await app.invokeEach([['verify_event_log', {}]]);
  assert.ok(before.ok, JSON.stringify(before));
  const entries = JSON.parse(before.value).entries;

  const commands = ourCommands().filter((c) => !LEFT_OUT.has(c));
  assert.ok(commands.length > 90, `${commands.length} commands`);
  const calls = hostileCalls(commands);
  const results = [];
  for (let i = 0; i < calls.length; i += 60) results.push(...(await app.invokeEach(calls.slice(i, i + 60))));
  assert.equal(results.length, calls.length);
  let refused = 0;
  for (const [index, result] of results.entries()) {
    const what = `${result.command} ${JSON.stringify(calls[index][1]).slice(0, 120)}`;
    assert.notEqual(result.error, 'no answer in time', `${what}: hangs`);
    if (result.ok) continue; // a read, or an export to the folder asked for, may succeed
    refused += 1;
    const error = typeof result.error === 'string' ? result.error : JSON.stringify(result.error);
    // Our own errors are typed; Tauri refuses wrong arguments before our code runs. Neither
    // carries SQL, a path of ours, or a panic.
    if (typeof result.error === 'object') assert.ok(result.error.code, `${what}: ${error}`);
    else assert.match(error, /invalid args|missing required key|invalid type|unknown variant|invalid value|expected/i, `${what}: ${error}`);
    assert.doesNotMatch(error, /SELECT|INSERT|sqlite|panicked|\/tmp\/|vault-\d/i, `${what}: ${error}`);
  }
  console.log('answered without error:', [...new Set(results.filter((r) => r.ok).map((r) => r.command))].join(' '));
  const deep = results.slice(commands.length * 5);
  for (const result of deep.slice(0, 5)) assert.equal(result.ok, false, `${result.command} refused: ${JSON.stringify(result)}`);
  assert.equal(deep[0].error.code, 'validation');
  assert.equal(deep[2].error.code, 'validation');

  const outside = await app.invokeEach(PLUGIN_AND_CORE);
  for (const result of outside) {
    assert.equal(result.ok, false, `${result.command} must be refused: ${JSON.stringify(result)}`);
    assert.notEqual(result.error, 'no answer in time', `${result.command}: hangs`);
  }

  // Nothing was stored, not even half: the log has not grown and is whole.
  const [after] = await app.invokeEach([['verify_event_log', {}]]);
  assert.ok(after.ok, `the vault is still open: ${JSON.stringify(after)}`);
  const verification = JSON.parse(after.value);
  assert.equal(verification.entries, entries, 'no change was stored');
  assert.deepEqual(verification.breaks, []);

  // Remote pages: navigation is refused, fetch is blocked by the CSP, no new window opens.
  const remote = await app.scriptAsync(
    `const done = arguments[0];
     const fetched = fetch('https://example.com/').then(() => 'fetched', () => 'blocked');
     const opened = window.open('https://example.com/');
     window.location.href = 'https://example.com/';
     setTimeout(async () => done({ fetched: await fetched, opened: opened === null ? 'none' : 'window' }), 1500);`,
  );
  assert.equal(remote.fetched, 'blocked');
  assert.equal(remote.opened, 'none', 'no window for a remote page');
  const where = await app.script('return window.location.href');
  assert.match(where, /^(tauri:\/\/localhost|http:\/\/tauri\.localhost)/, `still on the app's page: ${where}`);
  await press(app, 'Klanten');
  await app.text(CUSTOMER[0]);
  const title = await app.script('return document.title');
  assert.notEqual(title, 'pwned');
  await app.quit();
  open = null;
  console.log(`hostile inputs: ${calls.length} calls to ${commands.length} commands (${refused} refused, the rest harmless reads), ${PLUGIN_AND_CORE.length} plugin and core commands refused, 3 remote loads refused`);
  await assertNoPlaintext([dir], [CUSTOMER[0], CUSTOMER[1], CUSTOMER[2]]);
});
