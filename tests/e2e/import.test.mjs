// Onboarding in the real webview: the officer brings in the customer list she already has.
// A CSV of 500 customers (semicolons, UTF-8 with BOM) with two contacts each and three rows
// she must fix, then a 10,000-row Excel file with the same columns: the mapping is guessed,
// corrected once and remembered, the preview counts new, known and refused rows with their
// reasons and the signed agreements it records, and the import stores exactly what the preview said. A file that is not a
// customer list gets its reason next to the field, and what was typed stays. Then the
// agreement as a Word file (automatic numbering, tracked changes, a field, a running footer)
// imports with the same articles and clauses as its text version, and the version keeps the
// file for the officer to save again; so does the same agreement printed to PDF (two columns,
// words split at line ends, a running header and footer "pagina N van M"), with the header
// and footer shown as taken out.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import { assertNoPlaintext, createVault, importTemplate, press, useExportFolder } from './steps.mjs';

const GENERATOR = join(import.meta.dirname, '../../target/debug/examples/onboarding_files');
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

/** The text of the preview's refused rows table, one string per row. */
async function refusedRows(app) {
  const cells = await app.findAll("//table[contains(@class,'refused')]//tbody/tr/td");
  const texts = await Promise.all(cells.map(async (cell) => (await cell.textContent()).trim()));
  const rows = [];
  for (let i = 0; i < texts.length; i += 3) rows.push(texts.slice(i, i + 3).join(' | '));
  return rows;
}

test('a CSV and an Excel customer list import with a preview and a reason per refused row', async () => {
  const lists = mkdtempSync(join(tmpdir(), 'dpa-desk-onboarding-'));
  execFileSync(GENERATOR, [lists]);
  const dataDir = tempDataDir();
  const app = (open = await App.start(dataDir));
  await createVault(app);
  // The version every third customer in the lists signed.
  await importTemplate(app, '2026.1');
  await press(app, 'Klanten');
  await press(app, 'Importeren…');
  await app.heading('Klanten importeren');

  // Not a customer list: a picture renamed .csv. The reason stands next to the field and
  // the path stays as typed.
  const picture = join(lists, 'foto.csv');
  writeFileSync(picture, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  await app.fill('Bestand met de klantenlijst', picture);
  await press(app, 'Inlezen');
  await app.message('Dit bestand kan ik niet lezen als CSV, Excel (.xlsx) of LibreOffice (.ods)');
  assert.equal(await (await app.field('Bestand met de klantenlijst')).value(), picture);

  // The CSV: the columns are guessed from their Dutch names.
  await app.fill('Bestand met de klantenlijst', join(lists, 'klanten-500.csv'));
  await press(app, 'Inlezen');
  await app.message('klanten-500.csv: 500 rijen onder de kopregel.');
  assert.equal(await (await app.field('Bedrijfsnaam')).value(), 'name:0');
  assert.equal(await (await app.field('E-mail 2')).value(), 'contact_email:1');
  assert.equal(await (await app.field('Functie')).value(), 'contact_role:0');
  // "Instructies", after the second contact's columns, is the second contact's: the officer
  // corrects the guess, which gives the first instructions column to the first contact.
  assert.equal(await (await app.field('Instructies')).value(), 'contact_instructions:0');
  await app.select('Instructies', 'contact_instructions:1');

  await press(app, 'Voorbeeld bekijken');
  await app.heading('Voorbeeld');
  await app.text('497 nieuwe klanten, met 994 contactpersonen');
  await app.text('166 ondertekende overeenkomsten worden vastgelegd');
  await app.text('3 rijen geweigerd');
  assert.deepEqual(await refusedRows(app), [
    '19 | Contactpersoon 1: e-mail | Dit is geen geldig e-mailadres.',
    '125 | Taal van meldingen | Onbekende taal: gebruik NL (Nederlands) of EN (Engels).',
    '252 | KvK-nummer | Deze klant staat al op een eerdere regel van het bestand (zelfde KvK-nummer, of zelfde naam zonder KvK-nummer).',
  ]);
  await app.script("document.querySelector('ul.summary').scrollIntoView()");
  const shot = await app.screenshot();
  writeFileSync(join(tmpdir(), 'dpa-desk-import-preview.png'), shot);
  await press(app, 'Importeren zonder de 3 geweigerde rijen');
  await app.message('Geïmporteerd uit klanten-500.csv: 497 nieuw, 0 bijgewerkt, 0 ongewijzigd, 3 rijen overgeslagen.');

  // The Excel file: 10,000 rows, the first 500 the same customers. The correction is
  // remembered.
  await app.fill('Bestand met de klantenlijst', join(lists, 'klanten-10000.xlsx'));
  await press(app, 'Opnieuw inlezen');
  await app.message('klanten-10000.xlsx: 10.000 rijen onder de kopregel.');
  assert.equal(await (await app.field('Instructies')).value(), 'contact_instructions:1');
  await press(app, 'Voorbeeld bekijken');
  await app.text('9.490 nieuwe klanten, met 18.980 contactpersonen');
  await app.text('0 bestaande klanten worden bijgewerkt');
  await app.text('497 bestaande klanten blijven ongewijzigd');
  await app.text('3.163 ondertekende overeenkomsten worden vastgelegd');
  await app.text('13 rijen geweigerd');
  const refused = await refusedRows(app);
  assert.equal(refused.length, 13);
  assert.equal(refused[3], '1001 | Contactpersoon 1: e-mail | Dit is geen geldig e-mailadres.');
  await press(app, 'Importeren zonder de 13 geweigerde rijen');
  await app.message('Geïmporteerd uit klanten-10000.xlsx: 9.490 nieuw, 0 bijgewerkt, 497 ongewijzigd, 13 rijen overgeslagen.', { timeout: 120_000 });

  // The customers are in the register, with both contacts; a refused row is not.
  await press(app, 'Terug naar klanten');
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', 'Klant 09998');
  await app.text('Contact A9998 +1');
  // "Klant 00017" also finds KvK 50000170–179: once those are listed, the search has run.
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', 'Klant 00017');
  await app.text('Klant 00170 B.V.');
  assert.equal((await app.findAll("//button[normalize-space()='Klant 00017 B.V.']")).length, 0);
  // A customer's signed agreement is on its page.
  await app.fill('Zoeken op naam, KvK-nummer of contactpersoon', 'Klant 09996');
  await press(app, 'Klant 09996 B.V.');
  await app.text('Directeur 9996');
  await app.button('Archiveren');
  assert.equal(await (await app.field('Naam')).value(), 'Klant 09996 B.V.');
  writeFileSync(join(tmpdir(), 'dpa-desk-imported-customer.png'), await app.screenshot());
  await app.quit();
  open = null;
  // What came in from the files is in the vault encrypted, like everything else.
  await assertNoPlaintext([dataDir], ['Klant 09996 B.V.', 'a@klant9996.example', 'Directeur 9996']);
});

/** The structure the template preview shows: its summary and one line per article. */
async function structure(app) {
  const summary = await (await app.message('artikelen,')).textContent();
  const items = await app.findAll("//ol[contains(@class,'structure')]/li");
  return [summary.trim(), ...(await Promise.all(items.map(async (li) => (await li.textContent()).replace(/\s+/g, ' ').trim())))];
}

test('the agreement as a Word file and as a PDF imports with the clauses of its text version, and keeps the file', async () => {
  const files = mkdtempSync(join(tmpdir(), 'dpa-desk-onboarding-'));
  execFileSync(GENERATOR, [files]);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-exports-'));
  const app = (open = await App.start(tempDataDir()));
  await createVault(app);
  await useExportFolder(app, exports);
  await press(app, 'Overeenkomsten');
  await press(app, 'Nieuwe versie');

  await app.fill('Bestand met de tekst', join(files, 'overeenkomst.txt'));
  await press(app, 'Inlezen');
  const fromText = await structure(app);
  assert.equal(fromText[0], '5 artikelen, 19 leden');

  // A damaged Word file: its reason next to the field, and the preview is gone.
  const broken = join(files, 'kapot.docx');
  writeFileSync(broken, readFileSync(join(files, 'overeenkomst.docx')).subarray(0, 2000));
  await app.fill('Bestand met de tekst', broken);
  await press(app, 'Inlezen');
  await app.message('Dit bestand kan ik niet lezen als Word-document (.docx)');

  const word = join(files, 'overeenkomst.docx');
  await app.fill('Bestand met de tekst', word);
  await press(app, 'Inlezen');
  assert.deepEqual(await structure(app), fromText);
  await app.fill('Versielabel', '2026.2');
  await app.fill('Versiedatum', '01-06-2026');
  await press(app, 'Versie opslaan');
  await app.message('Versie 2026.2 opgeslagen.');

  await press(app, 'Terug naar overeenkomsten');
  await press(app, 'Origineel bestand van versie 2026.2 opslaan');
  await app.message('Het originele bestand is opgeslagen:');
  assert.deepEqual(readFileSync(join(exports, 'overeenkomst.docx')), readFileSync(word));

  // The same agreement as a PDF: a picture renamed .pdf first, then the real one.
  await press(app, 'Nieuwe versie');
  const picture = join(files, 'foto.pdf');
  writeFileSync(picture, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
  await app.fill('Bestand met de tekst', picture);
  await press(app, 'Inlezen');
  await app.message('Dit bestand kan ik niet lezen als PDF');
  const pdf = join(files, 'overeenkomst.pdf');
  await app.fill('Bestand met de tekst', pdf);
  await press(app, 'Inlezen');
  assert.deepEqual(await structure(app), fromText);
  await app.text('Weggelaten als kop- of voettekst: “Verwerkersovereenkomst Wolkwerk – pagina 2 van 2”');
  await app.text('Weggelaten als kop- of voettekst: “Wolkwerk B.V. – vertrouwelijk”');
  await app.fill('Versielabel', '2026.3');
  await app.fill('Versiedatum', '01-07-2026');
  await press(app, 'Versie opslaan');
  await app.message('Versie 2026.3 opgeslagen.');
  await press(app, 'Terug naar overeenkomsten');
  await press(app, 'Origineel bestand van versie 2026.3 opslaan');
  await app.message('Het originele bestand is opgeslagen:');
  assert.deepEqual(readFileSync(join(exports, 'overeenkomst.pdf')), readFileSync(pdf));
  await app.quit();
  open = null;
});
