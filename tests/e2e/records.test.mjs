// The record of processing activities as processor (GDPR art. 30(2)) in the real webview.
// A new vault without the processor's address and privacy contact: the dashboard counts every
// demo customer's record as incomplete and the record names the settings. Once they are
// filled in, the demo records are complete; a customer added by hand lacks a security
// document, and the officer writes its categories of processing (a too long one is refused
// next to the field, and what was typed stays). The record of all customers is saved as a
// PDF and a CSV, read back with pdftotext.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import { addCustomer, createVault, pdfText, press, savedFile, useExportFolder } from './steps.mjs';

let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

test('the record of processing shows what is missing per customer and saves as PDF and CSV', async () => {
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-exports-'));
  const app = (open = await App.start(tempDataDir()));
  await createVault(app);
  await press(app, 'Demogegevens laden');
  await app.message('25 fictieve klanten geladen.');
  await useExportFolder(app, exports);

  // The processor's address and privacy contact were left empty: every record lacks them.
  await press(app, 'Overzicht');
  await press(app, '25 klanten met een onvolledig register');
  await app.heading('Verwerkingsregister');
  await press(app, 'Zorggroep Lindeboom');
  await app.heading('Verwerkingsregister van Zorggroep Lindeboom');
  await app.text('naam, adres of privacycontact van de verwerker (Instellingen)');

  await press(app, 'Instellingen');
  await app.fill('Adres', 'Kade 4, 8011 AA Zwolle');
  await app.fill('Privacycontact of FG', 'J. Jansen (FG)');
  await press(app, 'Instellingen opslaan');
  await app.message('Instellingen opgeslagen.');

  // A customer added by hand has no security document yet.
  await addCustomer(app, ['Bakkerij Korenschoof', 'Cor Smit', 'cor@korenschoof.example']);
  await press(app, 'Overzicht');
  await press(app, '1 klant met een onvolledig register');
  await press(app, 'Bakkerij Korenschoof');
  await app.heading('Verwerkingsregister van Bakkerij Korenschoof');
  await app.text('een beveiligingsdocument (Beveiliging)');
  await app.text('de categorieën van verwerkingen (of diensten)');

  // Its categories of processing: one too long is refused next to the field, and stays.
  // Lines typed as a person does, with the Enter key.
  const ENTER = '\uE007';
  const tooLong = 'x'.repeat(201);
  await app.fill('Categorieën van verwerkingen (één per regel; leeg: de diensten)', `Broodbezorging${ENTER}${tooLong}`);
  await press(app, 'Categorieën opslaan');
  await app.message('Dit is te lang.');
  const field = await app.field('Categorieën van verwerkingen (één per regel; leeg: de diensten)');
  assert.equal(await field.value(), `Broodbezorging\n${tooLong}`);
  await app.fill('Categorieën van verwerkingen (één per regel; leeg: de diensten)', `Broodbezorging${ENTER}Klantenadministratie`);
  await press(app, 'Categorieën opslaan');
  await app.message('De categorieën zijn opgeslagen.');
  await app.text('Klantenadministratie');
  await app.gone(`//li[normalize-space()='de categorieën van verwerkingen (of diensten)']`);

  // The record of all customers, as PDF and CSV.
  await press(app, 'Terug naar het verwerkingsregister');
  await press(app, 'Register van alle klanten (PDF, Nederlands)');
  await app.message('Opgeslagen:');
  const pdf = pdfText(join(exports, await savedFile(exports, 'Verwerkingsregister alle klanten')));
  assert.match(pdf, /Register van verwerkingsactiviteiten als verwerker/);
  assert.match(pdf, /Zorggroep Lindeboom/);
  assert.match(pdf, /Bakkerij Korenschoof Onvolledig: een beveiligingsdocument\./);
  assert.match(pdf, /Broodbezorging/);
  assert.match(pdf, /Kade 4, 8011 AA Zwolle/);
  await press(app, 'Register van alle klanten (CSV)');
  const csvName = await savedFile(exports, 'Verwerkingsregister alle klanten', '.csv');
  const csv = readFileSync(join(exports, csvName), 'utf8');
  assert.equal(csv.split('\r\n').filter((line) => line.startsWith('Wolkwerk B.V.')).length, 26);
  await app.quit();
  open = null;
});
