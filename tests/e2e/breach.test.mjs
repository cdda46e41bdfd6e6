// A whole data breach in the real app, with the keyboard: discovery, leaving the wizard
// halfway and resuming after a restart, two customers with their own facts, two notices in
// two languages, the sent log, and an update for the customer whose facts changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import { ENTER, PASSPHRASE, addCustomer, assertNoPlaintext, createVault, hoursAgo, registerIncident, openedByDesktop, pdfText, press, tick, unlock, useExportFolder, wizardSaved } from './steps.mjs';
const TITLE = 'Loonstroken naar verkeerd adres';
const SUMMARY = 'Een verzendtaak stuurde loonstroken naar een oud e-mailadres.';
/** A customer name with Hebrew, which the PDF fonts cannot print, and one in the EU's scripts. */
const UNPRINTABLE = 'Zorgé שלום Ærø İstanbul Łódź';
const PRINTABLE = 'Zorgé Ærø İstanbul Łódź Θεσσαλονίκη Київ';
/** About 4,600 characters, near the longest summary allowed. */
const LONG_SUMMARY = `${SUMMARY} `.repeat(75).trim();
/** The officer's own covering text for Dutch e-mail drafts (Settings). */
const COVERING_TEXT = 'Beste relatie,\n\nHierbij ontvangt u {subject}.\n\nMet vriendelijke groet,\n{processor}';
const dataDirs = [];
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

test('an incident from discovery to two notices and an update, resumed after a restart', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-notices-'));
  let app = (open = await App.start(dir));
  await createVault(app);
  await press(app, 'Demogegevens laden');
  await app.text('25 klanten');
  await useExportFolder(app, exports);
  // The officer's own covering text for Dutch e-mail drafts: a wrong placeholder is refused in
  // place; the right one is used for the drafts below.
  await app.fill('Begeleidende tekst (Nederlands)', 'Hierbij {onderwerp}.');
  await press(app, 'Instellingen opslaan');
  await app.message('Alleen {subject}, {processor} en {contact} mogen tussen accolades staan.');
  await app.fill('Begeleidende tekst (Nederlands)', COVERING_TEXT);
  await press(app, 'Instellingen opslaan');
  await app.message('Instellingen opgeslagen.');

  // Register the incident; the wizard opens on step 1 with the clock.
  await press(app, 'Incidenten');
  await app.text('Nog geen incidenten geregistreerd.');
  await press(app, 'Nieuw incident');
  await app.fill('Korte titel van het incident', TITLE);
  await press(app, 'Incident registreren');
  await app.heading('1. Ontdekking en tijdlijn');
  await app.heading('Status: Intern gemeld');

  // Wrong input is shown in place, saved as typed, and nothing is lost.
  await app.fill('Ontdekt op', '31-11-2026 10:00');
  await app.message('Geen geldige datum; typ dd-mm-jjjj.');
  await app.fill('Ontdekt op', hoursAgo(30));
  await tick(app, 'Gedurende een periode');
  await app.fill('Moment of begin van de periode', hoursAgo(28));
  await app.message('Dit ligt na het moment van ontdekking.');
  await app.fill('Moment of begin van de periode', hoursAgo(40));
  await app.fill('Einde van de periode (leeg als die nog loopt)', hoursAgo(31));
  await app.fill('Intern gemeld door', 'Servicedesk');
  await wizardSaved(app);
  // 30 hours after discovery with a 24-hour target: overdue.
  await app.find(`//section[@aria-label='Klok']//p[contains(@class,'overdue')]`);

  await press(app, 'Volgende stap');
  await app.heading('2. Wat er gebeurde');
  await app.fill('Samenvatting van het incident', SUMMARY);
  await app.select('Soort incident', 'wrongly_sent');
  await tick(app, 'Ingezien');
  await wizardSaved(app);

  // Leave halfway: quit the app, start it again, and resume where it was left.
  await app.quit();
  app = open = await App.start(dir);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  await app.find(`//ul[@class='clocks']/li[contains(@class, 'overdue')]`);
  await (await app.find(`//ul[@class='clocks']//button[contains(normalize-space(), '${TITLE}')]`)).type(ENTER);
  await app.heading('2. Wat er gebeurde');
  assert.equal(await (await app.field('Samenvatting van het incident')).value(), SUMMARY);
  assert.equal(await (await app.field('Ingezien')).checked(), true);
  await press(app, 'Volgende stap');

  // Step 3: two customers, found by search; facts for all, numbers per customer.
  await app.heading('3. Getroffen klanten');
  await app.fill('Klant zoeken', 'Lindeboom');
  await press(app, 'Toevoegen: Zorggroep Lindeboom');
  await app.text('Getroffen klanten (1)');
  await app.fill('Klant zoeken', 'Nordic');
  await press(app, 'Toevoegen: Nordic Design Studio AB');
  await app.text('Getroffen klanten (2)');
  await tick(app, 'Werknemers');
  await tick(app, 'Burgerservicenummer (BSN)');
  await wizardSaved(app);
  for (const [name, min, max] of [
    ['Zorggroep Lindeboom', '1.450', '1.200'],
    ['Nordic Design Studio AB', '58', '61'],
  ]) {
    await (await app.find(`//summary[normalize-space()='Eigen feiten van ${name}']`)).type(ENTER);
    await tick(app, `Afwijkend voor ${name}: aantallen`);
    await app.fill(`Aantal betrokkenen, minimaal (${name})`, min);
    await app.fill(`Aantal betrokkenen, maximaal (${name})`, max);
    await app.fill(`Aantal persoonsgegevensregisters (bij benadering) (${name})`, '900');
  }
  // Lindeboom's maximum is below its minimum: said next to its field, once saved.
  await app.message('Het maximum is kleiner dan het minimum.');
  await app.fill('Aantal betrokkenen, maximaal (Zorggroep Lindeboom)', '1.500');
  await app.fill('Aantal persoonsgegevensregisters (bij benadering) (Zorggroep Lindeboom)', '33.001');
  await app.gone(`//*[@role='alert' and contains(., 'Het maximum is kleiner dan het minimum.')]`);

  await press(app, 'Volgende stap');
  await app.heading('4. Waarschijnlijke gevolgen');
  await tick(app, 'Identiteitsfraude');
  await app.select('Context van de verwerking (DPC)', '3');
  await app.select('Identificeerbaarheid (EI)', '4');
  await app.message('Uitkomst: SE = 3 (hoog)');

  await press(app, 'Volgende stap');
  await app.heading('5. Maatregelen');
  await app.fill('Genomen maatregelen', 'Verzendtaak stilgezet');
  await app.fill('Naam contactpersoon', 'J. Jansen');
  await wizardSaved(app);

  // Step 6: both customers get an initial notice, each in its own language. It is 30 hours
  // after the discovery, past our 24-hour target: the notices give the reason.
  await press(app, 'Volgende stap');
  await app.heading('6. Controle en meldingen');
  await app.fill('Reden dat de eerste melding later komt dan onze streeftermijn', 'Pas na onderzoek bleek het om persoonsgegevens te gaan.');
  await wizardSaved(app);
  await press(app, 'Voorbeeld: Nordic Design Studio AB');
  await app.find(`//section[@class='preview']//h4[normalize-space()='Personal data breach notice – initial notice']`);
  await press(app, 'Voorbeeld sluiten');
  await press(app, 'Meldingen maken (2)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 2.');
  await press(app, 'Laatste melding van elke klant opslaan in de exportmap');
  await app.message('2 meldingen opgeslagen in');
  const files = readdirSync(exports).sort();
  assert.equal(files.length, 2, files.join(', '));
  const dutch = pdfText(join(exports, files.find((f) => f.includes('Lindeboom'))));
  const english = pdfText(join(exports, files.find((f) => f.includes('Nordic'))));
  assert.ok(dutch.includes('Melding datalek – eerste melding'), dutch);
  assert.ok(dutch.includes('streeftermijn van 24 uur na ontdekking. Pas na onderzoek bleek het om persoonsgegevens te gaan.'), dutch);
  assert.ok(dutch.includes('minimaal 1.450 en maximaal 1.500'), dutch);
  assert.ok(dutch.includes('33.001'));
  assert.ok(!dutch.includes('Nordic'), 'the Dutch notice names no other customer');
  assert.ok(english.includes('at least 58 and at most 61'), english);
  assert.ok(!english.includes('Lindeboom') && !english.includes('33.001') && !english.includes('1.450'), 'no other customer in the English notice');

  // An e-mail draft per customer, beside its PDF: to its contacts that receive notices, in
  // its language, the kept PDF attached, opened by Outlook as a draft to send.
  await press(app, 'E-mailconcepten voor alle klanten');
  await app.message('2 e-mailconcepten opgeslagen in');
  const drafts = readdirSync(exports).filter((f) => f.endsWith('.eml')).sort();
  assert.deepEqual(drafts, files.map((f) => f.replace(/\.pdf$/, '.eml')));
  // Headers unfolded (RFC 5322 2.2.3), as a mail program reads them.
  const draftText = (name) => readFileSync(join(exports, drafts.find((f) => f.includes(name))), 'utf8').replace(/\r\n[ \t]+/g, ' ');
  const dutchDraft = draftText('Lindeboom');
  const englishDraft = draftText('Nordic');
  assert.match(dutchDraft, /^X-Unsent: 1\r$/m);
  assert.match(dutchDraft, /^From: "Wolkwerk B\.V\." <privacy@wolkwerk\.example>\r$/m);
  assert.match(dutchDraft, /^To: .*@lindeboom\.example>.*@lindeboom\.example>\r$/m, 'both contacts that receive notices');
  assert.ok(!dutchDraft.includes('nordic'), 'no other customer in the draft');
  assert.ok(dutchDraft.includes(`filename="${files.find((f) => f.includes('Lindeboom'))}"`));
  assert.ok(dutchDraft.includes('Beste relatie,') && dutchDraft.includes('Hierbij ontvangt u Melding datalek 2026-001'), dutchDraft.slice(0, 2000));
  assert.ok(!dutchDraft.includes('In de bijlage vindt u'), 'the officer\'s own text, not the standard one');
  assert.ok(englishDraft.includes('Please find attached our notice'), englishDraft.slice(0, 2000));

  // Record that Lindeboom's notice was sent: the customer's 72-hour clock starts.
  await press(app, 'Verzending vastleggen: Zorggroep Lindeboom eerste melding');
  await press(app, 'Vastleggen');
  await app.find(`//li[contains(normalize-space(), 'verzonden') and contains(normalize-space(), 'per e-mail aan')]`);
  await app.heading('Status: Klanten gemeld');

  // An update: Lindeboom's count is known better. Only that customer needs a notice.
  await press(app, '3. Getroffen klanten');
  await (await app.find(`//summary[normalize-space()='Eigen feiten van Zorggroep Lindeboom']`)).type(ENTER);
  await app.fill('Aantal betrokkenen, minimaal (Zorggroep Lindeboom)', '1.480');
  await app.fill('Aantal betrokkenen, maximaal (Zorggroep Lindeboom)', '1.480');
  await press(app, '6. Controle en meldingen');
  await app.text('bijgewerkt'); // Nordic: nothing changed for it
  await press(app, 'Meldingen maken (1)');
  await app.message('Wat is er gewijzigd sinds de vorige melding? (nodig voor een vervolgmelding)');
  await app.fill('Wat is er gewijzigd sinds de vorige melding? (nodig voor een vervolgmelding)', 'Het aantal betrokkenen is nu bekend.');
  await wizardSaved(app);
  await press(app, 'Meldingen maken (1)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 1.');
  await app.heading('Status: Opvolging');
  await press(app, 'Opslaan: Zorggroep Lindeboom vervolgmelding 1');
  await app.message('Opgeslagen:');
  const update = readdirSync(exports).find((f) => f.includes('Lindeboom') && f.includes('vervolgmelding-1'));
  const updateText = pdfText(join(exports, update));
  assert.ok(updateText.includes('Wat is er gewijzigd sinds de vorige melding'), updateText);
  await press(app, 'E-mailconcept: Zorggroep Lindeboom vervolgmelding 1');
  await app.message('E-mailconcept opgeslagen:');
  const updateDraft = readFileSync(join(exports, update.replace(/\.pdf$/, '.eml')), 'utf8').replace(/\r\n[ \t]+/g, ' ');
  assert.match(updateDraft, /^Subject: .*vervolgmelding.*\r$/m);
  // Open: this desktop has no mail program, which is said plainly; the PDF opens in its viewer.
  await press(app, 'Openen');
  await app.message('Er is op deze computer geen programma ingesteld dat e-mailconcepten (.eml) opent.');
  await press(app, 'Opslaan: Zorggroep Lindeboom vervolgmelding 1');
  await app.message('Opgeslagen:');
  await press(app, 'Openen');
  await openedByDesktop(join(exports, update));
  assert.ok(updateText.includes('Aantallen betrokkenen en persoonsgegevensregisters'));
  assert.ok(updateText.includes('ongeveer 1.480'));

  // The register lists it with its status and customers.
  await press(app, 'Terug naar incidenten');
  await app.find(`//tr[td[normalize-space()='${TITLE}'] and td[normalize-space()='Opvolging'] and td[normalize-space()='1 / 2']]`);
  await press(app, 'Meldregister exporteren (CSV en PDF per incident)');
  await app.message('1 incidenten geëxporteerd naar');
  const register = readdirSync(exports).find((f) => f.startsWith('DPA Desk meldregister'));
  assert.deepEqual(readdirSync(join(exports, register)).sort(), ['datalek-2026-001.pdf', 'meldregister.csv']);
  await app.quit();
  open = null;
});

test('a name the PDF cannot print is refused with its characters and nothing is kept; the EU scripts print whole, and a long summary flows on', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-notices-'));
  const app = (open = await App.start(dir));
  await createVault(app);
  await useExportFolder(app, exports);
  await addCustomer(app, [UNPRINTABLE, 'Dana Levi', 'dana@zorge.example']);

  await registerIncident(app, 'Schrift en lengte', LONG_SUMMARY, 3);
  await app.fill('Klant zoeken', 'Zorgé');
  await press(app, `Toevoegen: ${UNPRINTABLE}`);
  await tick(app, 'Werknemers');
  await tick(app, 'Burgerservicenummer (BSN)');
  await wizardSaved(app);
  await press(app, '5. Maatregelen');
  await app.heading('5. Maatregelen');
  await app.fill('Naam contactpersoon', 'J. Jansen');
  await wizardSaved(app);
  await press(app, '6. Controle en meldingen');
  await app.heading('6. Controle en meldingen');
  await press(app, 'Meldingen maken (1)');
  const refused = await (await app.message('de PDF kan deze tekens niet afdrukken')).textContent();
  for (const shown of ['ש U+05E9', 'ל U+05DC', 'ו U+05D5', 'ם U+05DD', '«Aan»', UNPRINTABLE]) {
    assert.ok(refused.includes(shown), `${shown} in: ${refused}`);
  }
  assert.equal((await app.findAll(`//button[starts-with(normalize-space(), 'Opslaan in de exportmap:')]`)).length, 0, 'no notice was kept');

  // Renamed in the EU's scripts, the notice prints every character, and the 4,600-character
  // summary flows on from page 1 instead of leaving it half empty.
  await press(app, 'Klanten');
  await (await app.find(`//table//button[normalize-space()='${UNPRINTABLE}']`)).type(ENTER);
  await app.heading('Klant bewerken');
  await app.fill('Naam', PRINTABLE);
  await press(app, 'Opslaan');
  await app.message('Klant opgeslagen.');
  await press(app, 'Incidenten');
  await (await app.find(`//tr[td[normalize-space()='Schrift en lengte']]//button`)).type(ENTER);
  await press(app, '6. Controle en meldingen');
  await press(app, 'Meldingen maken (1)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 1.');
  await press(app, 'Laatste melding van elke klant opslaan in de exportmap');
  await app.message('1 meldingen opgeslagen in');
  const file = join(exports, readdirSync(exports).find((f) => f.endsWith('.pdf')));
  const text = pdfText(file);
  assert.ok(text.includes(`Aan ${PRINTABLE}`), text);
  // The summary runs over the page break under its label repeated; its start and end are there.
  assert.ok(text.includes(LONG_SUMMARY.slice(0, 300)) && text.includes(LONG_SUMMARY.slice(-300)), text);
  assert.ok(text.includes('Samenvatting (vervolg)'), text);
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(first.includes('Samenvatting') && first.includes('Een verzendtaak stuurde'), `the summary starts on page 1:\n${first}`);
  await app.quit();
  open = null;
});

test('nothing typed in the wizard reaches the disk in the clear', async () => {
  await assertNoPlaintext(dataDirs, [TITLE, SUMMARY, 'Verzendtaak stilgezet', 'J. Jansen', 'Lindeboom', UNPRINTABLE, PRINTABLE, 'Dana Levi', PASSPHRASE]);
});
