// Audits and sub-processor changes in the real webview: an announcement to three customers,
// two with a signed agreement; one objects, one records a later receipt that moves its
// window, and time moves past the objection windows (the test clock flag of debug builds,
// never sleeping): consent is deemed only after the window that runs from receipt, and never
// for the customer without an agreement; an audit requested too soon is flagged and
// acknowledged on the proposed date.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import {
  ENTER,
  PASSPHRASE,
  SPACE,
  addCustomer,
  assertNoPlaintext,
  chooseCustomer,
  createVault,
  importTemplate,
  openedByDesktop,
  press,
  savedFile as saved,
  signAgreement,
  typedMoment,
  unlock,
  useExportFolder,
} from './steps.mjs';
const CUSTOMERS = [
  ['Zorggroep Lindeboom', 'Anna de Vries', 'anna@lindeboom.example'],
  ['Basisschool De Vlinder', 'Bram Visser', 'bram@vlinder.example'],
  ['Bakkerij Korenschoof', 'Cor Smit', 'cor@korenschoof.example'],
];
const SUB = 'Rekenwolk Inc.';
const REASON = 'Wij staan geen opslag in de Verenigde Staten toe';
const INSTRUCTION = 'Alle leerlingdossiers van vóór 2015 direct verwijderen';
const DOUBT = 'Voor een deel van deze dossiers geldt nog een wettelijke bewaartermijn';
const dataDirs = [];
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

/** Today plus `days`, typed the Dutch way in Amsterdam: 24-11-2026. */
const daysFromNow = (days) => typedMoment(days * 86_400_000, false);

/** The outcome cell of a customer's row in the announcement table. */
async function outcome(app, customer) {
  const cell = await app.find(`//tr[td[1][normalize-space()='${customer}']]/td[5]`);
  return (await cell.textContent()).split('\n')[0].trim();
}

test('a sub-processor change: one objection, deemed consent for the others once the window passed; an audit too soon', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-letters-'));
  let app = (open = await App.start(dir));
  await createVault(app);
  await useExportFolder(app, exports);
  for (const customer of CUSTOMERS) await addCustomer(app, customer);
  // Lindeboom and De Vlinder signed the agreement (14 days to object); Korenschoof did not.
  await importTemplate(app, '2025.1');
  await signAgreement(app, CUSTOMERS[0][0], CUSTOMERS[0][1]);
  await signAgreement(app, CUSTOMERS[1][0], CUSTOMERS[1][1]);

  // The register: a wrong country code is impossible, a missing one is named.
  await press(app, 'Subverwerkers');
  await app.text('Nog geen subverwerkers.');
  await press(app, 'Subverwerker toevoegen');
  await app.fill('Naam', SUB);
  await press(app, 'Opslaan');
  await app.message('Dit veld is verplicht.');
  assert.equal(await (await app.field('Naam')).value(), SUB);
  await app.fill('Wat zij voor ons doen', 'Back-ups van de database');
  await app.select('Land waar de gegevens staan', 'US');
  await press(app, 'Opslaan');
  await app.heading(SUB);
  await app.text('Buiten de EER: elke klant moet de doorgifte naar deze subverwerker vooraf goedkeuren (art. 2.5). Leg goedkeuringen vast bij de klant.');

  // Announce with a start too soon, then a start that leaves the window.
  await app.fill('Beoogde startdatum', daysFromNow(5));
  await press(app, 'Kennisgevingen maken');
  await app.message('Ligt binnen de termijn die de overeenkomst geeft.');
  await app.fill('Beoogde startdatum', daysFromNow(30));
  await press(app, 'Kennisgevingen maken');
  for (const [name] of CUSTOMERS) {
    assert.equal(await outcome(app, name), 'Nog niet verzonden');
  }
  await press(app, 'Alle kennisgevingen opslaan in de exportmap');
  await app.message('3 kennisgevingen opgeslagen in');
  const files = readdirSync(exports).filter((f) => f.startsWith('subverwerker-wijziging-'));
  assert.equal(files.length, 3);
  const text = execFileSync('pdftotext', ['-raw', join(exports, files.find((f) => f.includes('Lindeboom'))), '-'], { encoding: 'utf8' });
  assert.ok(text.includes('Aankondiging nieuwe subverwerker') && text.includes('Verenigde Staten (buiten de EER)'), text);
  assert.ok(text.includes('Zorggroep Lindeboom') && !text.includes('Korenschoof'), text);
  const flat = text.split(/\s+/).join(' ');
  assert.ok(flat.includes(`Ontvangt u haar op ${daysFromNow(0)}, dan kunt u dat tot en met ${daysFromNow(14)}.`), flat);
  const without = execFileSync('pdftotext', ['-raw', join(exports, files.find((f) => f.includes('Korenschoof'))), '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  assert.ok(without.includes('Er geldt daarom geen termijn waarna uw toestemming wordt aangenomen.'), without);
  // One e-mail draft per customer beside its notice, to that customer's contact only.
  await press(app, 'E-mailconcepten voor alle klanten');
  await app.message('3 e-mailconcepten opgeslagen in');
  const drafts = readdirSync(exports).filter((f) => f.startsWith('subverwerker-wijziging-') && f.endsWith('.eml')).sort();
  assert.deepEqual(drafts, files.map((f) => f.replace(/\.pdf$/, '.eml')).sort());
  for (const [name, , email] of CUSTOMERS) {
    const draft = readFileSync(join(exports, drafts.find((f) => f.includes(name.split(' ').pop()))), 'utf8').replace(/\r\n[ \t]+/g, ' ');
    assert.match(draft, /^X-Unsent: 1\r$/m);
    const to = draft.match(/^To: (.*)\r$/m)[1];
    assert.ok(to.includes(`<${email}>`) && CUSTOMERS.every(([, , other]) => other === email || !to.includes(other)), to);
  }

  await press(app, 'Verzending van alle nog niet verzonden kennisgevingen vastleggen');
  await app.message('3 kennisgevingen als verzonden vastgelegd');
  await app.find(`//li[contains(normalize-space(), 'aan Anna de Vries <anna@lindeboom.example>')]`);
  assert.equal(await outcome(app, CUSTOMERS[0][0]), 'Termijn loopt');
  assert.equal(await outcome(app, CUSTOMERS[1][0]), 'Termijn loopt');
  assert.equal(await outcome(app, CUSTOMERS[2][0]), 'Toestemming nodig (geen overeenkomst)');
  await app.find(`//tr[td[1][normalize-space()='${CUSTOMERS[2][0]}']]/td[4]//span[normalize-space()='Geen ondertekende overeenkomst: zwijgen is geen toestemming']`);

  // Lindeboom objects; the reason is required.
  await press(app, `Antwoord van ${CUSTOMERS[0][0]}`);
  await press(app, 'Vastleggen');
  await app.message('Dit veld is verplicht.');
  await app.fill('Reden van het bezwaar', REASON);
  await press(app, 'Vastleggen');
  await app.find(`//tr[td[1][normalize-space()='${CUSTOMERS[0][0]}']]/td[5][contains(normalize-space(), '${REASON}')]`);
  assert.equal(await outcome(app, CUSTOMERS[0][0]), 'Bezwaar: besluit nodig');

  // De Vlinder approves the transfer to the US; the gap closes for it alone.
  await press(app, 'Klanten');
  await (await app.find(`//table//button[normalize-space()='${CUSTOMERS[1][0]}']`)).type(ENTER);
  await app.find(`//li[contains(normalize-space(), '${SUB} (Verenigde Staten) werkt voor deze klant zonder goedgekeurde doorgifte.')]`);
  await press(app, `Goedkeuring vastleggen voor ${SUB}`);
  await app.select('Grondslag', 'standard_contractual_clauses');
  await app.fill('Goedgekeurd op', daysFromNow(1));
  await press(app, 'Goedkeuring opslaan');
  await app.message('Deze datum ligt in de toekomst.');
  await app.fill('Goedgekeurd op', daysFromNow(0));
  await app.fill('Toelichting (welke clausules of welk besluit)', 'SCC module 3');
  await press(app, 'Goedkeuring opslaan');
  await app.text('Geen subverwerkers buiten de EER zonder goedkeuring.');
  await app.find(`//li[contains(normalize-space(), '${SUB} (Verenigde Staten): Modelcontractbepalingen (SCC) (SCC module 3)')]`);

  // An instruction by phone from a contact who may not give instructions, in doubt: the
  // customer gets a doubt notice.
  await press(app, 'Instructie vastleggen');
  const from = await app.field('Van contactpersoon');
  const contact = await app.script(
    `return [...arguments[0].options].find((o) => o.textContent.startsWith(arguments[1])).value;`,
    [from.ref(), CUSTOMERS[1][1]],
  );
  await app.select('Van contactpersoon', contact);
  await app.select('Via', 'phone');
  await app.fill('Instructie (samenvatting)', INSTRUCTION);
  await (await app.field('Twijfel: deze instructie kan in strijd zijn met de privacywetgeving')).type(SPACE);
  await press(app, 'Instructie opslaan');
  await app.message('Dit veld is verplicht.');
  await app.fill('Waarom wij twijfelen', DOUBT);
  await press(app, 'Instructie opslaan');
  await app.find(`//li[contains(normalize-space(), '${INSTRUCTION}')]//span[normalize-space()='niet van een aangewezen contactpersoon']`);
  await (await app.find(`//button[normalize-space()='Twijfelmelding maken']`)).type(ENTER);
  await press(app, `Opslaan in de exportmap: ${CUSTOMERS[1][0]} twijfelmelding`);
  await app.message('Opgeslagen:');
  const doubtFile = readdirSync(exports).find((f) => f.startsWith('instructie-twijfel-'));
  const doubtText = execFileSync('pdftotext', ['-raw', join(exports, doubtFile), '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  assert.ok(doubtText.includes('Twijfel over uw instructie') && doubtText.includes(INSTRUCTION) && doubtText.includes(DOUBT), doubtText);
  assert.ok(doubtText.includes('niet van een contactpersoon die u heeft aangewezen'), doubtText);
  // Open beside the saved letter: the PDF goes to the desktop's viewer; its e-mail draft goes
  // to the customer's contact, and this desktop has no mail program to open it with.
  await press(app, 'Openen');
  await openedByDesktop(join(exports, doubtFile));
  await press(app, `E-mailconcept: ${CUSTOMERS[1][0]} twijfelmelding`);
  await app.message('E-mailconcept opgeslagen:');
  const doubtDraft = readFileSync(join(exports, doubtFile.replace(/\.pdf$/, '.eml')), 'utf8').replace(/\r\n[ \t]+/g, ' ');
  assert.match(doubtDraft, new RegExp(`^To: .*<${CUSTOMERS[1][2]}>\\r$`, 'm'));
  await press(app, 'Openen');
  await app.message('Er is op deze computer geen programma ingesteld dat e-mailconcepten (.eml) opent.');

  // A new version of the security measures document, announced to the customer.
  await press(app, 'Nieuwe versie vastleggen');
  await app.fill('Versie van het document', '2.0');
  await app.fill('Datum van het document', daysFromNow(0));
  await app.fill('Wat er gewijzigd is', 'Tweestapsverificatie voor beheerders');
  // A review on the document's own day is refused in place, with what was typed kept.
  await app.fill('Volgende herziening op (optioneel)', daysFromNow(0));
  await press(app, 'Versie opslaan');
  await app.message('De herzieningsdatum moet na de datum van het document liggen.');
  assert.equal(await (await app.field('Wat er gewijzigd is')).value(), 'Tweestapsverificatie voor beheerders');
  await app.fill('Volgende herziening op (optioneel)', daysFromNow(40));
  await press(app, 'Versie opslaan');
  await app.find(`//li[strong[normalize-space()='Versie 2.0'] and contains(normalize-space(), 'herzien op ${daysFromNow(40)}')]`);
  await press(app, 'Kennisgeving maken voor versie 2.0');
  await press(app, `Opslaan in de exportmap: ${CUSTOMERS[1][0]} kennisgeving beveiligingsdocument`);
  const securityFile = await saved(exports, 'beveiligingsdocument-');
  const securityText = execFileSync('pdftotext', ['-raw', join(exports, securityFile), '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  assert.ok(securityText.includes('Nieuwe versie beveiligingsmaatregelen') && securityText.includes('Tweestapsverificatie voor beheerders'), securityText);

  // An audit requested ten days ahead: flagged, and acknowledged on the proposed date.
  await press(app, 'Audits');
  await press(app, 'Nieuw auditverzoek');
  await chooseCustomer(app, 'Klant', CUSTOMERS[1][0]);
  await app.fill('Gevraagde auditdatum', daysFromNow(10));
  await app.fill('Organisatie van de auditor', 'Toetsing & Co');
  await press(app, 'Opslaan');
  await app.message('De gevraagde datum ligt binnen de aankondigingstermijn.');
  const proposed = daysFromNow(30);
  await press(app, `Voorgestelde datum ${proposed} overnemen`);
  assert.equal(await (await app.field('Afgesproken auditdatum')).value(), proposed);
  await app.fill('Naam van de auditor', 'R. Kramer RE');
  await (await app.field('Register-EDP-auditor (RE)')).type(SPACE);
  await (await app.field('Gebonden aan geheimhouding')).type(SPACE);
  await app.fill('Gevraagde informatie', 'Toegangslogboeken');
  await app.fill('Locaties', 'Datacentrum Zwolle');
  await app.select('Status', 'planned');
  await press(app, 'Opslaan');
  await app.message('Opgeslagen.');
  await press(app, 'Bevestiging maken');
  await press(app, `Opslaan in de exportmap: ${CUSTOMERS[1][0]} bevestiging`);
  await app.message('Opgeslagen:');
  const acknowledgement = readdirSync(exports).find((f) => f.startsWith('audit-bevestiging-'));
  const ack = execFileSync('pdftotext', ['-raw', join(exports, acknowledgement), '-'], { encoding: 'utf8' });
  assert.ok(ack.includes(`Bevestigde auditdatum ${proposed}`), ack);
  assert.ok(ack.includes('Toetsing & Co') && ack.includes('Datacentrum Zwolle'), ack);
  await app.quit();

  // Two days later De Vlinder says it received the notice only today: its window runs from
  // then. A receipt in the future is refused and the typed moment stays.
  app = open = await App.start(dir, ['--clock-offset-days', '2']);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  // Both windows run twelve days more: no reminder that one closes.
  await app.find(`//table//tr[td[normalize-space()='Bezwaartermijn subverwerker']]`);
  assert.equal((await app.findAll(`//*[contains(normalize-space(), 'binnen 3 dagen')]`)).length, 0);
  // The security document's review, 38 days on, is not on the overview yet.
  assert.equal((await app.findAll(`//td[normalize-space()='Herzien beveiligingsdocument']`)).length, 0);
  await press(app, 'Subverwerkers');
  await press(app, SUB);
  await app.heading(SUB);
  await press(app, `Ontvangst van de kennisgeving door ${CUSTOMERS[1][0]}`);
  await app.fill('Kennisgeving ontvangen op', `${daysFromNow(3)} 09:00`);
  await press(app, 'Vastleggen');
  await app.message('Deze datum ligt in de toekomst.');
  assert.equal(await (await app.field('Kennisgeving ontvangen op')).value(), `${daysFromNow(3)} 09:00`);
  // A minute before the app's now (two days on): after the sending, not in the future.
  const MINUTE = 60_000;
  await app.fill('Kennisgeving ontvangen op', typedMoment(2 * 86_400_000 - MINUTE, true));
  await press(app, 'Vastleggen');
  const closes = typedMoment(16 * 86_400_000 - MINUTE, false);
  await app.find(`//tr[td[1][normalize-space()='${CUSTOMERS[1][0]}']]/td[4][contains(normalize-space(), '${closes} 23:59')]`);
  await app.quit();

  // Fifteen days after sending, Lindeboom's 14-day window has closed; De Vlinder's runs on.
  app = open = await App.start(dir, ['--clock-offset-days', '15']);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  // De Vlinder's window closes tomorrow: reminded above the list and on its row.
  await app.text('1 bezwaartermijn sluit binnen 3 dagen');
  await app.find(`//table//tr[td[normalize-space()='Bezwaartermijn subverwerker']]//span[normalize-space()='sluit binnen 3 dagen']`);
  // 25 days before the security document's review: it is on the overview now.
  await app.find(`//table//tr[td[normalize-space()='Herzien beveiligingsdocument']]//button[normalize-space()='${CUSTOMERS[1][0]} 2.0']`);
  await app.find(`//table//tr[td[contains(normalize-space(), 'Besluit op bezwaar')]]//button[normalize-space()='${SUB}']`);
  await app.find(`//table//tr[td[contains(normalize-space(), 'Auditdatum')]]//button[contains(normalize-space(), '${CUSTOMERS[1][0]}')]`);
  await app.find(`//table//tr[contains(@class, 'overdue')][td[contains(normalize-space(), 'Instructie in twijfel: opgeschort')]]//button[normalize-space()='${CUSTOMERS[1][0]}']`);
  await press(app, SUB);
  await app.heading(SUB);
  assert.equal(await outcome(app, CUSTOMERS[0][0]), 'Bezwaar: besluit nodig');
  assert.equal(await outcome(app, CUSTOMERS[1][0]), 'Termijn loopt');
  assert.equal(await outcome(app, CUSTOMERS[2][0]), 'Toestemming nodig (geen overeenkomst)');
  // The transfer flag stays only where no approval is in force.
  const flagged = async (customer) =>
    (await app.findAll(`//tr[td[1][normalize-space()='${customer}']]/td[5]//span[normalize-space()='geen goedgekeurde doorgifte']`)).length;
  assert.equal(await flagged(CUSTOMERS[1][0]), 0);
  assert.equal(await flagged(CUSTOMERS[2][0]), 1);
  await press(app, `Dienst eindigt op de startdatum: ${CUSTOMERS[0][0]}`);
  await app.find(`//tr[td[1][normalize-space()='${CUSTOMERS[0][0]}']]/td[5][contains(normalize-space(), 'Dienst eindigt')]`);

  // The register for the spreadsheet: every customer with its outcome.
  await press(app, 'Terug naar subverwerkers');
  await press(app, 'Register exporteren (CSV)');
  await app.message('Opgeslagen:');
  const register = readdirSync(exports).find((f) => f.startsWith('subverwerkersregister'));
  const csv = readFileSync(join(exports, register), 'utf8');
  assert.ok(csv.includes(`${CUSTOMERS[0][0]},14,`) && csv.includes(',dienst eindigt\r\n'), csv);
  assert.ok(csv.includes(`${CUSTOMERS[2][0]},geen ondertekende overeenkomst,`) && csv.includes(',geen overeenkomst: toestemming nodig\r\n'), csv);
  await app.quit();

  // A month on, De Vlinder's window has closed too; silence is still no consent from
  // Korenschoof. The service to Lindeboom has ended: its data is due for erasure.
  app = open = await App.start(dir, ['--clock-offset-days', '31']);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  await press(app, 'Subverwerkers');
  await press(app, SUB);
  await app.heading(SUB);
  assert.equal(await outcome(app, CUSTOMERS[1][0]), 'Geacht akkoord');
  assert.equal(await outcome(app, CUSTOMERS[2][0]), 'Toestemming nodig (geen overeenkomst)');
  await press(app, 'Overzicht');
  await app.heading('Overzicht');
  await app.find(`//table//tr[contains(@class, 'overdue')][td[contains(normalize-space(), 'Einde dienst: gegevens wissen')]]//button[normalize-space()='${CUSTOMERS[0][0]}']`);
  await press(app, 'Einde dienst');
  await app.heading('Einde dienstverlening');
  await press(app, CUSTOMERS[0][0]);
  await app.heading('Klant bewerken');
  assert.equal(await (await app.field('Laatste dag van de dienstverlening')).value(), daysFromNow(30));
  assert.equal(await (await app.field('Aanleiding')).value(), `Bezwaar tegen subverwerker ${SUB} (art. 8.2.2)`);
  await app.fill('Gewist (na overdracht) op', daysFromNow(32));
  await press(app, 'Einde opslaan');
  await app.message('Deze datum ligt in de toekomst.');
  await app.fill('Gewist (na overdracht) op', daysFromNow(31));
  await press(app, 'Einde opslaan');
  await app.message('Opgeslagen.');
  await press(app, 'Bevestiging maken');
  await press(app, `Opslaan in de exportmap: ${CUSTOMERS[0][0]} bevestiging einde dienst`);
  await app.message('Opgeslagen:');
  const confirmation = readdirSync(exports).find((f) => f.startsWith('einde-dienst-bevestiging-'));
  const confirmed = execFileSync('pdftotext', ['-raw', join(exports, confirmation), '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  assert.ok(confirmed.includes(`geëindigd op ${daysFromNow(30)}`) && confirmed.includes(`op ${daysFromNow(31)} hebben gewist`), confirmed);
  await press(app, 'Overzicht');
  await app.heading('Overzicht');
  await app.gone(`//td[contains(normalize-space(), 'Einde dienst: gegevens wissen')]`);
  await app.quit();
  open = null;
});

test('nothing typed about audits and sub-processors reaches the disk in the clear', async () => {
  await assertNoPlaintext(dataDirs, [SUB, REASON, INSTRUCTION, DOUBT, 'Toetsing & Co', 'Datacentrum Zwolle', ...CUSTOMERS.flat(), PASSPHRASE]);
});
