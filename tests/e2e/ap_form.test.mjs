// A breach notice that answers the AP's notification form, in the real webview: a breach at a
// sub-processor, contained, with others informed, the EEA countries and recital 85
// consequences; a first notice after our target asks for and gives the reason; Dutch and
// English notices hold every one of these facts; a final notice closes the reporting to one
// customer; and that customer's own report to the AP is recorded, refused in place when it
// contradicts itself, and lands in the breach register.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, tempDataDir } from './webdriver.mjs';
import { SPACE, addSubProcessor, createVault, hoursAgo, pdfText, press, tick, useExportFolder, wizardSaved } from './steps.mjs';

const LINDEBOOM = 'Zorggroep Lindeboom';
const NORDIC = 'Nordic Design Studio AB';
const LATE = 'De back-up bleek pas na forensisch onderzoek persoonsgegevens te bevatten.';
let open = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
});

test('a notice in the order of the AP form with every fact a processor can know, a final notice, and the customer’s report to the AP', async () => {
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-notices-'));
  const app = (open = await App.start(tempDataDir()));
  await createVault(app);
  await press(app, 'Demogegevens laden');
  await app.text('25 klanten');
  await useExportFolder(app, exports);
  await addSubProcessor(app, 'Rekenwolk Inc.', 'Back-ups van de database', 'DE');

  await press(app, 'Incidenten');
  await press(app, 'Nieuw incident');
  await app.fill('Korte titel van het incident', 'Back-up leesbaar bij Rekenwolk');
  await press(app, 'Incident registreren');
  await app.heading('1. Ontdekking en tijdlijn');
  await app.fill('Ontdekt op', hoursAgo(30));
  await app.select('Ontstaan bij subverwerker', 'Rekenwolk Inc.');
  await app.fill('Door de subverwerker aan ons gemeld op', hoursAgo(31));
  // Contained while said to go on: refused next to the field, the moment kept.
  const contained = hoursAgo(29);
  await app.fill('Ingedamd op', contained);
  await app.select('Duurt de inbreuk nog voort?', 'yes');
  await app.message('Een inbreuk die nog voortduurt, is niet ingedamd.');
  await app.select('Duurt de inbreuk nog voort?', 'no');
  await app.gone(`//*[@role='alert' and contains(., 'niet ingedamd')]`);
  assert.equal(await (await app.field('Ingedamd op')).value(), contained);
  await wizardSaved(app);

  await press(app, 'Volgende stap');
  await app.heading('2. Wat er gebeurde');
  await app.fill('Samenvatting van het incident', 'Een back-up bij de subverwerker was zonder wachtwoord bereikbaar.');
  await app.select('Soort incident', 'hacking_malware');
  await tick(app, 'Gekopieerd');
  await tick(app, 'Nederland');
  await tick(app, 'België');
  await wizardSaved(app);

  await press(app, 'Volgende stap');
  await app.heading('3. Getroffen klanten');
  for (const name of [LINDEBOOM, NORDIC]) {
    await app.fill('Klant zoeken', name.split(' ')[1]);
    await press(app, `Toevoegen: ${name}`);
  }
  await app.text('Getroffen klanten (2)');
  await tick(app, 'Werknemers');
  await wizardSaved(app);

  await press(app, 'Volgende stap');
  await app.heading('4. Waarschijnlijke gevolgen');
  await tick(app, 'Verlies van controle over hun persoonsgegevens (overweging 85 AVG)');
  await tick(app, 'Ongeoorloofde ongedaanmaking van pseudonimisering (overweging 85 AVG)');
  await wizardSaved(app);

  await press(app, 'Volgende stap');
  await app.heading('5. Maatregelen');
  await app.fill('Naam contactpersoon', 'J. Jansen');
  await app.select('Politie geïnformeerd?', 'yes');
  await app.fill('Kenmerk van de politie (aangifte)', 'PL0900-2026-4411');
  await app.fill('Andere autoriteiten geïnformeerd (welke, wanneer)', 'Nationaal Cyber Security Centrum');
  await app.select('Betrokkenen door ons geïnformeerd op instructie van de klant?', 'yes');
  await app.fill('Betrokkenen geïnformeerd op', hoursAgo(2));
  await wizardSaved(app);

  // 30 hours after discovery, past our 24-hour target: the reason is asked for first.
  await press(app, 'Volgende stap');
  await app.heading('6. Controle en meldingen');
  await app.find(`//div[@class='warning']//li[contains(., 'Reden dat de eerste melding later komt dan onze streeftermijn')]`);
  await app.fill('Reden dat de eerste melding later komt dan onze streeftermijn', LATE);
  await wizardSaved(app);
  await app.gone(`//div[@class='warning']`);
  await press(app, 'Meldingen maken (2)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 2.');
  await press(app, 'Laatste melding van elke klant opslaan in de exportmap');
  await app.message('2 meldingen opgeslagen in');
  const notice = (name, kind) => pdfText(join(exports, readdirSync(exports).find((f) => f.includes(name) && f.includes(kind))));
  const dutch = notice('Lindeboom', 'eerste-melding');
  const english = notice('Nordic', 'initial-notice');
  for (const fact of [
    'Ontstaan bij subverwerker Rekenwolk Inc.',
    `Ingedamd op ${contained}`,
    `later dan onze eigen streeftermijn van 24 uur na ontdekking. ${LATE}`,
    'Verlies van controle over hun persoonsgegevens; Ongeoorloofde ongedaanmaking van pseudonimisering',
    'Politie Ja, kenmerk PL0900-2026-4411',
    'Andere autoriteiten Nationaal Cyber Security Centrum',
    'Betrokkenen, door ons op uw instructie Ja, op',
    'Landen in de EER waar betrokkenen wonen Nederland; België',
  ]) {
    assert.ok(dutch.includes(fact), `${fact} in ${dutch}`);
  }
  for (const fact of [
    'Started at sub-processor Rekenwolk Inc.',
    `Contained at ${contained}`,
    'This initial notice comes later than our own target of 24 hours after discovery.',
    'Loss of control over their personal data; Unauthorised reversal of pseudonymisation',
    'Police Yes, reference PL0900-2026-4411',
    'Data subjects, by us on your instruction Yes, at',
    'EEA countries where data subjects live Netherlands; Belgium',
  ]) {
    assert.ok(english.includes(fact), `${fact} in ${english}`);
  }
  assert.ok(dutch.indexOf('2. Tijdlijn') < dutch.indexOf('3. Het datalek') && dutch.indexOf('9. Maatregelen') < dutch.indexOf('10. Internationale aspecten'), dutch);

  // The final notice for Lindeboom only: it closes its reporting; Nordic's goes on.
  await tick(app, 'Eindmelding: sluit de melding in fasen af voor de gekozen klanten');
  await (await app.find(`//input[@aria-label='Meenemen in de volgende meldingen: ${LINDEBOOM}']`)).type(SPACE);
  await app.find(`//div[@class='warning']//li[contains(., 'Wat is er gewijzigd sinds de vorige melding?')]`);
  await app.fill('Wat is er gewijzigd sinds de vorige melding? (nodig voor een vervolgmelding)', 'Het onderzoek is afgerond; er zijn geen nieuwe feiten.');
  await wizardSaved(app);
  await press(app, 'Meldingen maken (1)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 1.');
  await app.find(`//tr[td[contains(., '${LINDEBOOM}')]]/td[contains(., 'afgesloten met eindmelding')]`);
  await app.find(`//tr[td[contains(., '${NORDIC}')]]//input[@type='checkbox']`);
  await press(app, `Opslaan: ${LINDEBOOM} eindmelding`);
  await app.message('Opgeslagen:');
  const closing = notice('Lindeboom', 'eindmelding');
  assert.ok(closing.includes('Melding datalek – eindmelding'), closing);
  assert.ok(closing.includes('hiermee sluiten wij de melding in fasen aan u af'), closing);

  // Lindeboom tells us what it did: a reference without a report is refused in place and kept.
  const follow = (label) => `${label} (${LINDEBOOM})`;
  await app.select(follow('Gemeld aan de Autoriteit Persoonsgegevens?'), 'no');
  await app.fill(follow('Kenmerk van de AP'), 'M-2026-41977');
  await press(app, `Vervolg vastleggen: ${LINDEBOOM}`);
  await app.message('Vul dit alleen in als de klant aan de AP heeft gemeld.');
  assert.equal(await (await app.field(follow('Kenmerk van de AP'))).value(), 'M-2026-41977');
  await app.select(follow('Gemeld aan de Autoriteit Persoonsgegevens?'), 'yes');
  await app.fill(follow('Gemeld aan de AP op'), '02-01-2026');
  await press(app, `Vervolg vastleggen: ${LINDEBOOM}`);
  await app.message(`Vervolg van ${LINDEBOOM} vastgelegd.`);

  await press(app, 'Terug naar incidenten');
  await press(app, 'Meldregister exporteren (CSV en PDF per incident)');
  await app.message('1 incidenten geëxporteerd naar');
  const register = readdirSync(exports).find((f) => f.startsWith('DPA Desk meldregister'));
  const csv = readFileSync(join(exports, register, 'meldregister.csv'), 'utf8');
  const row = csv.split('\n').find((line) => line.includes(LINDEBOOM));
  assert.match(row, /,\d\d-\d\d-\d{4} \d\d:\d\d,ja,M-2026-41977,02-01-2026\r?$/, row);
  const report = pdfText(join(exports, register, readdirSync(join(exports, register)).find((f) => f.endsWith('.pdf'))));
  assert.ok(report.includes('Klant meldde aan de AP Ja, kenmerk M-2026-41977, op 02-01-2026'), report);
  await app.quit();
  open = null;
});
