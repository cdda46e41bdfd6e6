// The real app in its real webview (WebKitGTK through tauri-driver), driven as an officer
// would: by labels, buttons and headings.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, tempDataDir } from './webdriver.mjs';
import { PASSPHRASE, assertNoPlaintext, createVault, toCustomers, unlock } from './steps.mjs';

const CUSTOMER = 'Zorggroep Lindeboom';
const CONTACTS = ['Anna de Vries', 'Bram Jansen'];
const dataDirs = [];
let open = null;

async function start(dir) {
  open = await App.start(dir);
  return open;
}

async function quit(app) {
  await app.quit();
  open = null;
}

after(async () => {
  if (open) await open.quit().catch(() => {});
});

test('first run: a weak passphrase is refused next to its field, and nothing typed is lost', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const app = await start(dir);
  await app.heading('Nieuwe kluis aanmaken');
  await app.fill('Uw naam (privacyfunctionaris)', 'Fatima El Amrani');
  await app.fill('Wachtwoordzin', 'kort');
  await app.fill('Wachtwoordzin herhalen', 'kort');
  await app.text('Sterkte: zwak');
  await (await app.button('Kluis aanmaken')).click();
  await app.message('Minstens 12 tekens.');
  await app.message('Dit veld is verplicht.'); // the processor's name
  assert.equal(await (await app.field('Uw naam (privacyfunctionaris)')).value(), 'Fatima El Amrani');
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.db')).length, 0, 'no vault was created');
  await quit(app);
});

test('create a vault, add a customer with two contacts, find it, lock, fail, unlock, restart', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  let app = await start(dir);
  await createVault(app);

  await (await app.button('Klant toevoegen')).click();
  await app.heading('Nieuwe klant');
  await app.fill('Naam', CUSTOMER);
  await app.fill('KvK-nummer', '1234');
  await app.fill('Dienst gestart op', '31-02-2024');
  await (await app.button('Contactpersoon toevoegen')).click();
  await (await app.button('Contactpersoon toevoegen')).click();
  await app.fill('Naam contactpersoon 1', CONTACTS[0]);
  await app.fill('E-mail contactpersoon 1', 'anna@lindeboom.example');
  await app.fill('Naam contactpersoon 2', CONTACTS[1]);
  await app.fill('E-mail contactpersoon 2', 'bram@lindeboom');
  await (await app.button('Opslaan')).click();
  // Both errors next to their fields; the form keeps what was typed.
  await app.message('Een KvK-nummer heeft precies 8 cijfers.');
  await app.message('Dit is geen geldig e-mailadres.');
  await app.message('Geen geldige datum; typ dd-mm-jjjj.');
  assert.equal(await (await app.field('Naam')).value(), CUSTOMER);
  assert.equal(await (await app.field('Naam contactpersoon 2')).value(), CONTACTS[1]);

  await app.fill('KvK-nummer', '1234 5678');
  await app.fill('E-mail contactpersoon 2', 'bram@lindeboom.example');
  await app.fill('Dienst gestart op', '1-3-2024');
  await (await app.button('Opslaan')).click();
  await app.heading('Klant bewerken');
  assert.equal(await (await app.field('KvK-nummer')).value(), '12345678');
  assert.equal(await (await app.field('Dienst gestart op')).value(), '01-03-2024');

  // A contact who receives notices needs an e-mail address; clearing it is refused.
  await app.fill('E-mail contactpersoon 1', '');
  await (await app.button('Opslaan')).click();
  await app.message('Nodig: instructies en meldingen gaan per e-mail.');
  await app.fill('E-mail contactpersoon 1', 'anna@lindeboom.example');
  await (await app.button('Opslaan')).click();
  await app.message('Klant opgeslagen.');

  await (await app.button('Terug naar klanten')).click();
  await app.heading('Klanten');
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', 'bram jansen');
  await app.find(`//table//button[normalize-space()='${CUSTOMER}']`);
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', 'niemand');
  await app.text('Geen klanten gevonden voor deze zoekopdracht.');
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', '12345678');
  await app.find(`//table//button[normalize-space()='${CUSTOMER}']`);

  await (await app.button('Vergrendelen')).click();
  await app.heading('Kluis ontgrendelen');
  const page = await app.script('return document.body.innerText');
  assert.ok(!page.includes(CUSTOMER), 'nothing of the vault is left in the page');

  await unlock(app, 'niet de wachtwoordzin');
  await app.message('Onjuiste wachtwoordzin.');
  await unlock(app, PASSPHRASE);
  await toCustomers(app);
  await quit(app);

  app = await start(dir);
  await unlock(app, PASSPHRASE);
  await toCustomers(app);
  await (await app.find(`//table//button[normalize-space()='${CUSTOMER}']`)).click();
  await app.heading('Klant bewerken');
  assert.equal(await (await app.field('Naam contactpersoon 2')).value(), CONTACTS[1]);
  assert.equal(await (await app.field('E-mail contactpersoon 1')).value(), 'anna@lindeboom.example');

  // Archive: gone from the list, kept, and back on request.
  await (await app.button('Archiveren')).click();
  await (await app.find(`//*[@role='alertdialog']//button[normalize-space()='Archiveren']`)).click();
  await app.find(`//p[contains(normalize-space(), 'Gearchiveerd op')]`);
  await (await app.button('Terug naar klanten')).click();
  await app.text('Nog geen klanten. Voeg een klant toe, of laad demogegevens om de app te verkennen.');
  await (await app.field('Gearchiveerde klanten tonen')).click();
  await app.find(`//tr[contains(@class, 'archived')]//button[normalize-space()='${CUSTOMER}']`);
  await quit(app);
});

test('switch the interface to English and back; the choice survives a restart', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  let app = await start(dir);
  await createVault(app);
  await (await app.button('Instellingen')).click();
  await app.heading('Instellingen');
  await app.select('Taal van de interface', 'en');
  await app.heading('Settings');
  await app.button('Customers');
  await (await app.button('Lock')).click();
  await app.heading('Unlock the vault');
  await quit(app);

  app = await start(dir);
  await app.heading('Unlock the vault');
  await app.fill('Passphrase', PASSPHRASE);
  await (await app.button('Unlock')).click();
  await (await app.button('Settings')).click();
  await app.select('Interface language', 'nl');
  await app.heading('Instellingen');
  await app.button('Klanten');
  await quit(app);
});

test('settings: change the passphrase, then only the new one unlocks', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const app = await start(dir);
  await createVault(app);
  await (await app.button('Instellingen')).click();
  await app.fill('Huidige wachtwoordzin', 'fout fout fout fout');
  await app.fill('Nieuwe wachtwoordzin', 'een nieuwe lange zin');
  await app.fill('Nieuwe wachtwoordzin herhalen', 'een nieuwe lange zin');
  await (await app.button('Wachtwoordzin wijzigen')).click();
  await app.message('Onjuiste wachtwoordzin.');
  await app.fill('Huidige wachtwoordzin', PASSPHRASE);
  await (await app.button('Wachtwoordzin wijzigen')).click();
  await app.message('Wachtwoordzin gewijzigd.');
  await (await app.button('Vergrendelen')).click();
  await unlock(app, PASSPHRASE);
  await app.message('Onjuiste wachtwoordzin.');
  await unlock(app, 'een nieuwe lange zin');
  await app.heading('Overzicht');

  // Settings are checked too: an auto-lock of 0 minutes is refused next to the field.
  await (await app.button('Instellingen')).click();
  await app.fill('Automatisch vergrendelen na (minuten)', '0');
  await (await app.button('Instellingen opslaan')).click();
  await app.message('Deze waarde valt buiten het toegestane bereik.');
  await app.fill('Automatisch vergrendelen na (minuten)', '15');
  await (await app.button('Instellingen opslaan')).click();
  await app.message('Instellingen opgeslagen.');
  await quit(app);
});

test('demo data fills an empty vault with 25 fictional customers', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const app = await start(dir);
  await createVault(app);
  await (await app.button('Demogegevens laden')).click();
  await app.message('25 fictieve klanten geladen.');
  await app.text('25 klanten');
  await app.gone(`//button[normalize-space()='Demogegevens laden']`);
  const first = `(//table//tbody//button)[1]`;
  assert.equal(await (await app.find(first)).textContent(), 'Accountantskantoor Cijferwerk');
  await app.select('Sorteren', 'name_desc');
  await app.find(`${first}[normalize-space()='Zorggroep Lindeboom']`);
  await quit(app);
});

test('after the idle time the vault locks itself and the page forgets what it showed', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const app = await start(dir);
  await createVault(app);
  await (await app.button('Demogegevens laden')).click();
  await app.text('25 klanten');
  await (await app.button('Instellingen')).click();
  await app.fill('Automatisch vergrendelen na (minuten)', '1');
  await (await app.button('Instellingen opslaan')).click();
  await app.message('Instellingen opgeslagen.');
  await (await app.button('Klanten')).click();
  await app.text('25 klanten');
  // No input from now on: one minute of idle time, checked every 5 seconds.
  await app.find(`//h1[normalize-space()='Kluis ontgrendelen']`, { timeout: 80_000 });
  await app.message('De kluis is vergrendeld omdat u een tijd niet actief was.');
  const page = await app.script('return document.body.innerText');
  assert.ok(!page.includes('Lindeboom'), 'nothing of the vault is left in the page');
  await unlock(app, PASSPHRASE);
  await toCustomers(app);
  await app.text('25 klanten');
  await quit(app);
});

const SAMPLE = fileURLToPath(new URL('../../assets/samples/modelovereenkomst.nl.txt', import.meta.url));

test('import an agreement text, sign a customer on it, export the customer and all customers', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-exports-'));
  const app = await start(dir);
  await createVault(app);
  await (await app.button('Demogegevens laden')).click();
  await app.text('25 klanten');

  await (await app.button('Overeenkomsten')).click();
  await app.text('Nog geen versies. Importeer de tekst van uw verwerkersovereenkomst.');
  await (await app.button('Nieuwe versie')).click();
  // Bad files get a clear message.
  await app.fill('Bestand met de tekst', '/bestaat/niet.txt');
  await (await app.button('Inlezen')).click();
  await app.message('Bestand niet gevonden.');
  const noArticles = join(exports, 'geen-artikelen.txt');
  writeFileSync(noArticles, 'Alleen een brief.\n\nZonder artikelen.\n');
  await app.fill('Bestand met de tekst', noArticles);
  await (await app.button('Inlezen')).click();
  await app.message('Geen artikelen gevonden.');

  await app.fill('Bestand met de tekst', SAMPLE);
  await (await app.button('Inlezen')).click();
  await app.message('8 artikelen, 20 leden');
  await app.find(`//li[normalize-space()='Lid 4.3 ontbreekt in de nummering.']`);
  await app.find(`//li[contains(., 'Weggelaten als kop- of voettekst') and contains(., 'pagina 2 van 3')]`);
  await app.find(`//ol//strong[normalize-space()='Artikel 5 – Incidenten']`);
  await app.fill('Versielabel', '2025.1');
  await app.fill('Versiedatum', '03-03-2025');
  await (await app.button('Versie opslaan')).click();
  await app.message('Versie 2025.1 opgeslagen.');
  await (await app.button('Terug naar overeenkomsten')).click();
  await app.find(`//table//tr[td[normalize-space()='2025.1'] and td[normalize-space()='8 artikelen']]`);
  await app.text('25 klanten zonder ondertekende overeenkomst');
  // Terms of a version nobody signed can still change.
  await (await app.button('Voorwaarden wijzigen')).click();
  await app.fill('Aankondiging audit (dagen)', '0');
  await (await app.button('Voorwaarden opslaan')).click();
  await app.message('Deze waarde valt buiten het toegestane bereik.');
  await app.fill('Aankondiging audit (dagen)', '45');
  await (await app.button('Voorwaarden opslaan')).click();
  await app.find(`//table//tr[td[normalize-space()='2025.1'] and td[contains(., 'audit 45 d')]]`);

  // Sign one customer.
  await (await app.find(`//table//button[normalize-space()='Zorggroep Lindeboom']`)).click();
  await app.heading('Overeenkomsten van deze klant');
  await app.text('Deze klant heeft nog geen overeenkomst. Dat is een gat in de naleving.');
  await app.fill('Ondertekend op', '01-04-2025');
  await (await app.button('Overeenkomst opslaan')).click();
  await app.message('Dit veld is verplicht.'); // the signatory
  await app.fill('Ondertekend door', 'Anna de Vries');
  await (await app.button('Overeenkomst opslaan')).click();
  await app.message('Overeenkomst opgeslagen.');
  await app.find(`//table//tr[td[normalize-space()='2025.1'] and td[normalize-space()='ondertekend'] and td[normalize-space()='01-04-2025']]`);

  // Export: without an export folder the officer is told what to do.
  await (await app.button('Exporteren naar exportmap')).click();
  await app.message('Stel eerst een exportmap in');
  await (await app.button('Instellingen')).click();
  await app.fill('Exportmap', 'relatief/pad');
  await (await app.button('Instellingen opslaan')).click();
  await app.message('Geef een volledig pad, beginnend met /.');
  await app.fill('Exportmap', exports);
  await (await app.button('Instellingen opslaan')).click();
  await app.message('Instellingen opgeslagen.');
  await (await app.button('Overeenkomsten')).click();
  await app.text('24 klanten zonder ondertekende overeenkomst');
  await (await app.find(`//table//button[normalize-space()='Zorggroep Lindeboom']`)).click();
  await (await app.button('Exporteren naar exportmap')).click();
  await app.message('Geëxporteerd:');
  const pdf = readdirSync(exports).find((f) => f.startsWith('Zorggroep-Lindeboom') && f.endsWith('.pdf'));
  assert.ok(pdf, 'the PDF is in the export folder');
  const text = execFileSync('pdftotext', ['-layout', join(exports, pdf), '-']).toString();
  for (const expected of ['Verwerkersovereenkomst', 'Zorggroep Lindeboom', 'Anna de Vries', '5.2.3', 'Artikel 8 – Einde', 'pagina 1 van']) {
    assert.ok(text.includes(expected), `${expected} in the PDF`);
  }
  const json = JSON.parse(readFileSync(join(exports, pdf.replace('.pdf', '.json')), 'utf8'));
  assert.equal(json.current.version.label, '2025.1');
  assert.equal(json.current.agreement.signed_by_name, 'Anna de Vries');

  // A draft is signed later; a signed version's terms can no longer change.
  await (await app.button('Overeenkomsten')).click();
  await app.gone(`//button[normalize-space()='Voorwaarden wijzigen']`);
  await (await app.find(`//table//button[normalize-space()='Bakkerij Korenschoof']`)).click();
  await app.select('Status', 'draft');
  await (await app.button('Overeenkomst opslaan')).click();
  await app.find(`//table//tr[td[normalize-space()='concept']]`);
  await (await app.button('Ondertekenen')).click();
  await app.fill('Ondertekend op', '02-04-2025');
  await app.fill('Ondertekend door', 'Bram Jansen');
  await (await app.button('Ondertekening opslaan')).click();
  await app.find(`//table//tr[td[normalize-space()='ondertekend'] and td[normalize-space()='02-04-2025']]`);

  // Export all, with progress and a summary.
  await (await app.button('Overeenkomsten')).click();
  // The folder from the settings fills the field once the screen has read them.
  const folderField = await app.field('Map voor de export');
  for (let tries = 0; (await folderField.value()) !== exports; tries += 1) {
    assert.ok(tries < 300, `the export folder never showed: ${await folderField.value()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await app.fill('Map voor de export', 'relatief');
  await (await app.button('Exporteren')).click();
  await app.message('Geef een volledig pad, beginnend met /.');
  await app.fill('Map voor de export', exports);
  await (await app.button('Exporteren')).click();
  await app.message('25 van 25 klanten geëxporteerd naar', { timeout: 60_000 });
  const run = readdirSync(exports).find((f) => f.startsWith('DPA Desk export'));
  const folders = readdirSync(join(exports, run)).filter((f) => statSync(join(exports, run, f)).isDirectory());
  assert.equal(folders.length, 25);
  const csv = readFileSync(join(exports, run, 'klanten.csv'), 'utf8');
  assert.equal(csv.trim().split('\r\n').length, 26);
  assert.ok(csv.includes('Zorggroep Lindeboom,90000000,nl,2025.1,ondertekend,01-04-2025'));
  assert.ok(csv.includes('Bakkerij Korenschoof,90001237,nl,2025.1,ondertekend,02-04-2025'));
  assert.ok(existsSync(join(exports, run, folders[0], `${folders[0]}.pdf`)));
  await quit(app);
});

test('no text typed in the tests reaches the disk in the clear', async () => {
  await assertNoPlaintext(dataDirs, [CUSTOMER, ...CONTACTS, 'lindeboom.example', PASSPHRASE, 'Fatima El Amrani']);
});
