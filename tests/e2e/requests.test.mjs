// Disclosure requests and assistance in the real webview: a police demand concerning two
// customers, one of whom the law forbids telling; nothing is disclosed before the ground,
// the identity and the customers are settled; the notice goes to the other customer only.
// Then a data subject's request handled for a customer, with hours and costs to invoice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import {
  ENTER,
  PASSPHRASE,
  addCustomer,
  assertNoPlaintext,
  chooseCustomer,
  createVault,
  pdfText,
  press,
  savedFile as saved,
  tick,
  typedMoment,
  useExportFolder,
} from './steps.mjs';

const CUSTOMERS = [
  ['Zorggroep Lindeboom', 'Anna de Vries', 'anna@lindeboom.example'],
  ['Stille Vennoot B.V.', 'Sven Stil', 'sven@vennoot.example'],
];
const AUTHORITY = 'Politie Eenheid Oost-Nederland';
const BASIS = 'Vordering verstrekking gegevens, art. 126nd Sv';
const BAR = 'De vordering verbiedt mededeling aan de klant';
const DISCLOSED = 'Logbestand van oktober, versleuteld per koerier';
const ACCESS = 'Inzageverzoek van een cliënt over het eigen dossier';
const dataDirs = [];
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

/** Now plus `days`, typed the Dutch way: `24-11-2026`, with `14:30` when asked. */
const typed = (days, withTime = false) => typedMoment(days * 86_400_000, withTime);

/** Today a month on in Amsterdam, the last day of a shorter month where needed. */
function aMonthOn() {
  const [day, month, year] = typed(0).split('-').map(Number);
  const next = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.min(day, last))}-${pad(next.getUTCMonth() + 1)}-${next.getUTCFullYear()}`;
}

test('a disclosure request waits for verification and the customers; a barred customer gets no notice; assistance adds up', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-requests-'));
  const app = (open = await App.start(dir));
  await createVault(app);
  await useExportFolder(app, exports);
  for (const customer of CUSTOMERS) await addCustomer(app, customer);

  // The request, typed in full; disclosing at once is refused and nothing typed is lost.
  await press(app, 'Verstrekkingen');
  await app.text('Nog geen verzoeken vastgelegd.');
  await press(app, 'Nieuw verzoek');
  await app.heading('Nieuw verzoek om verstrekking');
  await app.fill('Verzoekende instantie', AUTHORITY);
  await app.fill('Wettelijke grondslag', BASIS);
  await app.fill('Verzoeker (naam en functie)', 'Officier van justitie mr. J. de Wit');
  await app.fill('Gevraagde gegevens', 'Inloggegevens van één gebruiker over oktober');
  await press(app, 'Verzoek opslaan');
  await app.message('Kies minstens één klant.');
  assert.equal(await (await app.field('Verzoekende instantie')).value(), AUTHORITY);
  for (const [name] of CUSTOMERS) {
    await chooseCustomer(app, 'Klant', name);
    await press(app, 'Klant toevoegen');
    await app.find(`//legend[contains(normalize-space(), '${name}')]`);
  }
  await tick(app, `Wettelijk verbod om ${CUSTOMERS[1][0]} te informeren`);
  await app.fill(`Reden van het verbod (${CUSTOMERS[1][0]})`, BAR);
  await app.select('Uitkomst', 'disclosed');
  await app.fill('Verstrekt op', typed(0, true));
  await app.fill('Wat is verstrekt, en hoe', DISCLOSED);
  await press(app, 'Verzoek opslaan');
  await app.message('Eerst controleren: zonder gecontroleerde grondslag en identiteit verstrekken wij niets.');
  await app.message('Informeer deze klant eerst, of leg vast dat de wet dat verbiedt.');
  assert.equal(await (await app.field('Wat is verstrekt, en hoe')).value(), DISCLOSED);
  await app.select('Uitkomst', 'pending');
  await press(app, 'Verzoek opslaan');
  await app.heading(`Verzoek ${typed(0).slice(-4)}-001 — ${AUTHORITY}`);

  // On the dashboard: one customer to tell within a day.
  await press(app, 'Overzicht');
  await app.find(`//table//tr[td[contains(normalize-space(), 'Verstrekkingsverzoek: klant informeren')]]//button[contains(normalize-space(), '${AUTHORITY}')]`);
  await press(app, `${typed(0).slice(-4)}-001 ${AUTHORITY}`);
  await app.heading(`Verzoek ${typed(0).slice(-4)}-001 — ${AUTHORITY}`);

  // No notice to the barred customer; one to Lindeboom, which names nobody else.
  await app.text('De wet verbiedt deze klant te informeren; er kan geen kennisgeving worden gemaakt.');
  assert.equal((await app.findAll(`//button[normalize-space()='Kennisgeving maken' and @aria-label='Kennisgeving maken voor ${CUSTOMERS[1][0]}']`)).length, 0);
  await press(app, `Kennisgeving maken voor ${CUSTOMERS[0][0]}`);
  await press(app, `Opslaan in de exportmap: ${CUSTOMERS[0][0]} kennisgeving verstrekkingsverzoek`);
  await app.message('Opgeslagen:');
  const notice = pdfText(join(exports, await saved(exports, 'verstrekkingsverzoek-')));
  assert.ok(notice.includes('Verzoek om verstrekking van gegevens') && notice.includes(AUTHORITY) && notice.includes(BASIS), notice);
  assert.ok(notice.includes('Wij hebben nog niets verstrekt'), notice);
  assert.ok(!notice.includes(CUSTOMERS[1][0]) && !notice.includes(BAR), notice);

  // Recording the sending is telling the customer.
  await press(app, `Verzending vastleggen: ${CUSTOMERS[0][0]} kennisgeving verstrekkingsverzoek`);
  await press(app, 'Vastleggen');
  await app.find(`//legend[contains(normalize-space(), '${CUSTOMERS[0][0]}')]//span[normalize-space()='Geïnformeerd']`);
  assert.notEqual(await (await app.field(`Geïnformeerd op (${CUSTOMERS[0][0]})`)).value(), '');

  // Verified, then disclosed.
  await tick(app, 'Grondslag gecontroleerd');
  await tick(app, 'Identiteit van de verzoeker gecontroleerd');
  await app.fill('Hoe gecontroleerd', 'Teruggebeld via het algemene nummer van het parket');
  await app.select('Uitkomst', 'disclosed');
  await app.fill('Verstrekt op', typed(0, true));
  await app.fill('Wat is verstrekt, en hoe', DISCLOSED);
  await press(app, 'Verzoek opslaan');
  await app.message('Opgeslagen.');
  await press(app, 'Overzicht');
  await app.gone(`//td[contains(normalize-space(), 'Verstrekkingsverzoek: klant informeren')]`);

  // The register: a row per customer, the bar and its reason kept.
  await press(app, 'Verstrekkingen');
  await app.find(`//table//tr[td[contains(normalize-space(), '${CUSTOMERS[1][0]}')]]/td[normalize-space()='Verstrekt']`);
  await press(app, 'Register exporteren (CSV)');
  await app.message('Opgeslagen:');
  const disclosures = readFileSync(join(exports, await saved(exports, 'verstrekkingsregister')), 'utf8');
  assert.ok(disclosures.includes(`${CUSTOMERS[1][0]},wettelijk verbod,,${BAR},verstrekt`), disclosures);
  assert.ok(disclosures.includes(`${CUSTOMERS[0][0]},geïnformeerd,`), disclosures);

  // Assistance: a data subject's access request, due within the customer's month.
  await press(app, 'Klanten');
  await (await app.find(`//table//button[normalize-space()='${CUSTOMERS[0][0]}']`)).type(ENTER);
  await app.heading('Klant bewerken');
  await app.find(`//li[contains(normalize-space(), '${AUTHORITY}')]//span[normalize-space()='Verstrekt']`);
  await press(app, 'Bijstand vastleggen');
  await app.fill('Omschrijving', ACCESS);
  await press(app, 'Bijstand opslaan');
  await app.find(`//li[contains(normalize-space(), '${ACCESS}')]//span[normalize-space()='Open']`);
  await app.find(`//li[contains(normalize-space(), '${ACCESS}')]//span[normalize-space()='uiterlijk ${aMonthOn()}']`);

  // Handled: wrong hours are refused and the form keeps what was typed.
  await press(app, `Bijstand van ${await (await app.find(`//li[contains(normalize-space(), '${ACCESS}')]/strong`)).textContent()} bewerken`);
  await app.fill('Afgehandeld op', typed(0));
  await app.fill('Uren', 'anderhalf');
  await app.fill('Kosten (euro)', '142,50');
  await press(app, 'Bijstand opslaan');
  await app.message('Typ een aantal in cijfers, bijvoorbeeld 1.200.');
  assert.equal(await (await app.field('Kosten (euro)')).value(), '142,50');
  await app.fill('Uren', '1,5');
  await press(app, 'Bijstand opslaan');
  await app.find(`//li[contains(normalize-space(), '${ACCESS}')]//span[normalize-space()='Te factureren']`);
  await app.text('Totaal 1,50 uur, € 142,50; nog te factureren € 142,50');

  await press(app, 'Bijstand');
  await app.heading('Bijstand');
  await app.find(`//table//tr[td[normalize-space()='${ACCESS}']]/td[normalize-space()='€ 142,50']`);
  await press(app, 'Register exporteren (CSV)');
  await app.message('Opgeslagen:');
  const assistance = readFileSync(join(exports, await saved(exports, 'bijstandsregister')), 'utf8');
  assert.ok(assistance.includes(`${CUSTOMERS[0][0]},inzage,`) && assistance.includes(`${ACCESS},`) && assistance.includes(',"1,50","142,50",,Nee,te factureren'), assistance);
  await app.quit();
  open = null;
});

test('nothing typed about disclosures and assistance reaches the disk in the clear', async () => {
  await assertNoPlaintext(dataDirs, [AUTHORITY, BASIS, BAR, DISCLOSED, ACCESS, ...CUSTOMERS.flat(), PASSPHRASE]);
});
