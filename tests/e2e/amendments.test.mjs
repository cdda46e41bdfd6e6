// Amendments (art. 10.2) in the real webview: a newer version announced by consent to two
// customers on the old one, with the changed clauses side by side in each notice; one
// consents, one does not; on the effective date (the test clock flag of debug builds, never
// sleeping) only the one that consented is on the new version and its objection window
// follows the new terms. Then an amendment required by law moves the other one on its
// effective date without any answer, and its export tells the history.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import {
  ENTER,
  PASSPHRASE,
  SAMPLE_AGREEMENT_2026,
  addCustomer,
  addSubProcessor,
  createVault,
  importTemplate,
  pdfText,
  press,
  signAgreement,
  typedMoment,
  unlock,
  useExportFolder,
} from './steps.mjs';

const CUSTOMERS = [
  ['Zorggroep Lindeboom', 'Anna de Vries', 'anna@lindeboom.example'],
  ['Basisschool De Vlinder', 'Bram Visser', 'bram@vlinder.example'],
];
const [LINDEBOOM, VLINDER] = CUSTOMERS.map(([name]) => name);
const SUMMARY = 'Dertig dagen om bezwaar te maken tegen een nieuwe subverwerker';
const REASON = 'De nieuwe uitvoeringswet vraagt een schriftelijke bevestiging van verwijdering';
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

/** Today plus `days` (of the real clock), typed the Dutch way in Amsterdam. */
const daysFromNow = (days) => typedMoment(days * 86_400_000, false);

/** Waits until a customer stands as `expected` in the amendment panel headed `heading`. */
async function standing(app, heading, customer, expected) {
  await app.find(`//section[@aria-label='${heading}']//tr[td[1][normalize-space()='${customer}']]/td[4][normalize-space()="${expected}"]`);
}

/** Waits until the overview of who is on which version shows a customer on `version` with
 * `pending` (the amendment that awaits it, or nothing). */
async function onVersion(app, customer, version, pending) {
  await app.find(`//table//tr[td[1][normalize-space()='${customer}'] and td[2][normalize-space()='${version}'] and td[4][normalize-space()='${pending}']]`);
}

async function restart(app, dir, days) {
  await app.quit();
  app = open = await App.start(dir, ['--clock-offset-days', String(days)]);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  return app;
}

test('an amendment by consent moves only who consented, one required by law moves everyone; deadlines follow', async () => {
  const dir = tempDataDir();
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-letters-'));
  let app = (open = await App.start(dir));
  await createVault(app);
  await useExportFolder(app, exports);
  for (const customer of CUSTOMERS) await addCustomer(app, customer);
  await importTemplate(app, '2025.1');
  for (const [name, signer] of CUSTOMERS) await signAgreement(app, name, signer);
  await importTemplate(app, '2026.1', {
    file: SAMPLE_AGREEMENT_2026,
    date: daysFromNow(0),
    terms: { 'Bezwaartermijn subverwerker (dagen)': '30' },
  });

  // Announce by consent: an effective date that has passed is refused, what was typed stays.
  const heading1 = `Wijziging naar versie 2026.1, geldt vanaf ${daysFromNow(10)}`;
  await app.select('Nieuwe versie', String(await versionId(app, '2026.1')));
  await app.fill('Geldt vanaf', daysFromNow(-1));
  await app.fill('Wat er verandert', SUMMARY);
  await press(app, 'Wijziging aankondigen');
  await app.message('Deze datum is al voorbij; kies vandaag of later.');
  assert.equal(await (await app.field('Wat er verandert')).value(), SUMMARY);
  await app.fill('Geldt vanaf', daysFromNow(10));
  await press(app, 'Wijziging aankondigen');
  await app.message('Wijziging aangekondigd aan 2 klanten.');
  await standing(app, heading1, LINDEBOOM, 'wacht op antwoord');
  await onVersion(app, VLINDER, '2025.1', '2026.1: wacht op antwoord');
  await app.text('2 klanten hebben een wijziging nog niet beantwoord');

  // Each notice sets the changed clauses side by side, with the date and article 10.2.
  await press(app, 'Alle kennisgevingen opslaan');
  await app.message('2 kennisgevingen opgeslagen in');
  const notices = readdirSync(exports).filter((f) => f.startsWith('wijziging-verwerkersovereenkomst-'));
  assert.equal(notices.length, 2);
  const text = pdfText(join(exports, notices.find((f) => f.includes('Lindeboom'))));
  for (const expected of [
    'Wijziging van de verwerkersovereenkomst',
    'voorafgaande toestemming van beide partijen',
    `Geldt vanaf ${daysFromNow(10)}`,
    SUMMARY,
    'binnen 14 dagen na ontvangst',
    'binnen 30 dagen na ontvangst',
    // Read in the order it was written: each column's text whole.
    '7.2 De opdrachtgever kan binnen veertien dagen bezwaar maken.',
    '7.2 De opdrachtgever kan binnen dertig dagen bezwaar maken.',
    '(niet in deze versie) 8.2 Wolkwerk bevestigt de verwijdering schriftelijk.',
  ]) {
    assert.ok(text.includes(expected), `${expected} missing in ${text}`);
  }

  await press(app, 'Verzending van alle nog niet verzonden kennisgevingen vastleggen');
  await app.message('2 kennisgevingen als verzonden vastgelegd');
  await app.gone(`//section[@aria-label='${heading1}']//td[3][normalize-space()='—']`);

  // The start screen reminds of the customers that have not answered.
  await press(app, 'Overzicht');
  await app.find(`//tr[td[contains(normalize-space(), 'Wijziging overeenkomst: antwoord klanten')] and td[contains(normalize-space(), '2 klanten')]]`);

  // Lindeboom consents (a signatory is required); De Vlinder does not.
  await press(app, 'Overeenkomsten');
  await press(app, `Antwoord van ${LINDEBOOM} vastleggen`);
  await app.fill('Datum van het antwoord', daysFromNow(1));
  await press(app, 'Vastleggen');
  await app.message('Deze datum ligt in de toekomst.');
  await app.message('Dit veld is verplicht.');
  await app.fill('Datum van het antwoord', daysFromNow(0));
  await app.fill('Namens de klant (ondertekenaar)', CUSTOMERS[0][1]);
  await press(app, 'Vastleggen');
  await standing(app, heading1, LINDEBOOM, `ingestemd, gaat over op de ingangsdatum (${daysFromNow(0)}, ${CUSTOMERS[0][1]})`);
  await press(app, `Antwoord van ${VLINDER} vastleggen`);
  await (await app.field('Stemt in met de nieuwe versie')).click();
  await app.fill('Datum van het antwoord', daysFromNow(0));
  await press(app, 'Vastleggen');
  await standing(app, heading1, VLINDER, `niet ingestemd: blijft op de huidige versie (${daysFromNow(0)})`);
  await onVersion(app, LINDEBOOM, '2025.1', '2026.1: ingestemd, gaat over op de ingangsdatum');

  // On the effective date Lindeboom is on 2026.1, De Vlinder stays; a new sub-processor
  // gives each the objection window of its own version.
  app = await restart(app, dir, 10);
  await press(app, 'Overeenkomsten');
  await onVersion(app, LINDEBOOM, '2026.1', '');
  await onVersion(app, VLINDER, '2025.1', '');
  await standing(app, heading1, LINDEBOOM, `overgegaan (${daysFromNow(0)}, ${CUSTOMERS[0][1]})`);
  await addSubProcessor(app, 'Rekenwolk B.V.', 'Back-ups', 'NL');
  await app.fill('Beoogde startdatum', daysFromNow(60));
  await press(app, 'Kennisgevingen maken');
  await app.find(`//tr[td[1][normalize-space()='${LINDEBOOM}'] and td[2][contains(normalize-space(), '30 dagen')]]`);
  await app.find(`//tr[td[1][normalize-space()='${VLINDER}'] and td[2][contains(normalize-space(), '14 dagen')]]`);

  // Required by law: the reason is asked; De Vlinder alone is on an older version.
  await importTemplate(app, '2027.1', {
    file: SAMPLE_AGREEMENT_2026,
    date: daysFromNow(10),
    terms: { 'Bezwaartermijn subverwerker (dagen)': '30' },
  });
  await app.select('Nieuwe versie', String(await versionId(app, '2027.1')));
  await app.select('Soort wijziging', 'required_by_law');
  await app.fill('Geldt vanaf', daysFromNow(15));
  await app.fill('Wat er verandert', 'Een schriftelijke bevestiging van verwijdering');
  await press(app, 'Wijziging aankondigen');
  await app.message('Dit veld is verplicht.');
  await app.fill('Reden (welke wet of uitspraak het vraagt)', REASON);
  await press(app, 'Wijziging aankondigen');
  await app.message('Wijziging aangekondigd aan 2 klanten.');
  const heading2 = `Wijziging naar versie 2027.1, geldt vanaf ${daysFromNow(15)}`;
  await standing(app, heading2, VLINDER, 'gaat over op de ingangsdatum');
  // No answer is asked of anyone.
  assert.equal((await app.findAll(`//section[@aria-label='${heading2}']//button[contains(normalize-space(), 'Antwoord van')]`)).length, 0);

  // On its effective date both are on 2027.1 without signing; the export tells the history.
  app = await restart(app, dir, 25);
  await press(app, 'Overeenkomsten');
  await onVersion(app, VLINDER, '2027.1', '');
  await onVersion(app, LINDEBOOM, '2027.1', '');
  await (await app.find(`//table//button[normalize-space()='${VLINDER}']`)).type(ENTER);
  await app.heading('Overeenkomsten van deze klant');
  await app.find(`//tr[td[1][normalize-space()='2027.1'] and td[2][contains(normalize-space(), 'door wijziging: Noodzakelijk voor het privacyrecht')]]`);
  await press(app, 'Exporteren naar exportmap');
  await app.message('Geëxporteerd:');
  const json = readdirSync(exports).find((f) => f.includes('Vlinder') && f.endsWith('.json'));
  const pdf = pdfText(join(exports, json.replace(/\.json$/, '.pdf')));
  assert.ok(pdf.includes('Wijzigingen van de overeenkomst (artikel 10.2)'), pdf);
  assert.ok(pdf.includes(`2025.1 → 2027.1, noodzakelijk voor het privacyrecht (artikel 10.2)`), pdf);
  assert.ok(pdf.includes(`reden: ${REASON}`), pdf);
  const exported = JSON.parse(readFileSync(join(exports, json), 'utf8'));
  assert.deepEqual(
    exported.amendments.map((a) => [a.from_label, a.to_label, a.kind, a.state]),
    [
      ['2025.1', '2027.1', 'required_by_law', 'moved'],
      ['2025.1', '2026.1', 'by_consent', 'refused'],
    ],
  );
  assert.deepEqual(
    exported.history.map((a) => [a.version_label, a.status, a.amendment]),
    [
      ['2027.1', 'signed', 'required_by_law'],
      ['2025.1', 'superseded', null],
    ],
  );
});

/** The option value of a template version in the amendment form. */
async function versionId(app, label) {
  const select = await app.field('Nieuwe versie');
  return app.script(`return [...arguments[0].options].find((o) => o.textContent.startsWith(arguments[1])).value;`, [select.ref(), label]);
}
