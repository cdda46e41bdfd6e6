// Sending notices through the processor's mail server in the real app, to a real SMTP server
// on 127.0.0.1 (tests/smtp/server.py, Debian's python3-aiosmtpd): the mail server in Settings,
// an incident at three customers, the app killed while the first message is on the server,
// and after the restart that message is "unknown" and goes again only when the officer says
// so. Before that, the same three notices as e-mail drafts. Drafts and what the server
// received are read back as a mail program does (tests/smtp/mime.py, Python's email package):
// well-formed MIME, recipients, language, the PDF's bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { App, tempDataDir } from './webdriver.mjs';
import { ENTER, PASSPHRASE, SPACE, assertNoPlaintext, createVault, press, registerIncident, tick, unlock, useExportFolder, wizardSaved } from './steps.mjs';

const SERVER = join(import.meta.dirname, '../smtp/server.py');
const MIME = join(import.meta.dirname, '../smtp/mime.py');
const TITLE = 'Salarisbestand gedeeld via open link';
const SUMMARY = 'Een map met salarisbestanden was via een open link te zien.';
const USER = 'privacy@wolkwerk.example';
const PASSWORD = 'Smtp-Wachtwoord-Kade-4';
const INSTRUCTION = 'Alle klantgegevens van vóór 2015 direct verwijderen';
const CUSTOMERS = [
  ['Zorggroep Lindeboom', 'lindeboom'],
  ['Bakkerij Korenschoof', 'korenschoof'],
  ['Nordic Design Studio AB', 'nordicdesign'],
];
const dataDirs = [];
let open = null;
let server = null;

after(async () => {
  if (open) await open.quit().catch(() => {});
  server?.process.kill();
});

/** Starts the SMTP server with `options`; resolves once it listens. Every line it prints is
 * kept, so a test can wait for `holding 0001` or `accepted 0002`. */
function startServer(options) {
  // What the customers received is plaintext by design: the folder counts as an export.
  const out = mkdtempSync(join(tmpdir(), 'dpa-desk-mailbox-'));
  const child = spawn('/usr/bin/python3', [SERVER, out, ...options], { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = [];
  const waiting = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of waiting.splice(0)) w();
  });
  const waitFor = async (prefix) => {
    for (;;) {
      const line = lines.find((l) => l.startsWith(prefix));
      if (line) return line.slice(prefix.length).trim();
      await new Promise((resolve) => waiting.push(resolve));
    }
  };
  return waitFor('ready ').then((port) => ({ process: child, out, port, waitFor, release: () => writeFileSync(join(out, 'release'), '') }));
}

/** The e-mail messages in these files, read as a mail program does (see tests/smtp/mime.py). */
const mime = (paths) => JSON.parse(execFileSync('/usr/bin/python3', [MIME, ...paths], { encoding: 'utf8' }));

/** The messages the server accepted: envelope and the message read as MIME. */
function received(out) {
  const names = readdirSync(out)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const messages = names.length ? mime(names.map((f) => join(out, f))) : [];
  return names.map((f, i) => ({
    envelope: JSON.parse(readFileSync(join(out, f.replace(/\.eml$/, '.json')), 'utf8')),
    message: messages[i],
  }));
}

/** What every message of a notice holds, draft or sent: well-formed MIME from the processor
 * to the customer's contacts that receive notices (`domain`), and the kept PDF, whose SHA-256
 * the app shows. */
async function assertNotice(app, message, domain) {
  assert.deepEqual(message.defects, [], 'well-formed MIME');
  assert.deepEqual(message.from, ['privacy@wolkwerk.example']);
  assert.ok(message.to.length > 0 && message.to.every((a) => a.endsWith(`@${domain}.example`)), message.to.join());
  assert.equal(message.attachments.length, 1);
  const [pdf] = message.attachments;
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(pdf.head, '%PDF-');
  await app.find(`//code[@title='${pdf.sha256}']`);
  return pdf;
}

test('notices to three customers as drafts and through the mail server, a kill mid-send asks before sending again, a letter sent on its own', async () => {
  const dir = tempDataDir();
  dataDirs.push(dir);
  server = await startServer(['--hold', '--login', USER, PASSWORD]);
  let app = (open = await App.start(dir));
  await createVault(app);
  await press(app, 'Demogegevens laden');
  await app.text('25 klanten');
  const exports = mkdtempSync(join(tmpdir(), 'dpa-desk-notices-'));
  await useExportFolder(app, exports);

  // The mail server: no unencrypted connection to another computer; then this computer's.
  await press(app, 'Instellingen');
  await app.heading('E-mailserver (SMTP)');
  await app.fill('Server', 'smtp.wolkwerk.example');
  await app.fill('Poort', '25');
  await app.select('Beveiliging', 'none');
  await press(app, 'Mailserver opslaan');
  await app.message('Zonder versleuteling kan alleen naar een mailserver op deze computer');
  await app.fill('Server', '127.0.0.1');
  await app.fill('Poort', server.port);
  await app.fill('Gebruikersnaam', USER);
  await app.fill('Wachtwoord', 'niet het wachtwoord');
  await press(app, 'Verbinding testen');
  await app.message('de gebruikersnaam of het wachtwoord werd niet aangenomen');
  await app.fill('Wachtwoord', PASSWORD);
  await press(app, 'Verbinding testen');
  await app.message('De verbinding werkt');
  // Kept in the vault, never shown again.
  assert.equal(await (await app.field('Wachtwoord')).value(), '');
  await app.text('Er is een wachtwoord bewaard. Laat dit veld leeg om het te houden.');

  // An incident at three customers, with the facts a notice needs.
  await registerIncident(app, TITLE, SUMMARY, 6);
  for (const [name] of CUSTOMERS) {
    await app.fill('Klant zoeken', name.split(' ')[1]);
    await press(app, `Toevoegen: ${name}`);
  }
  await app.text('Getroffen klanten (3)');
  await tick(app, 'Werknemers');
  await tick(app, 'Burgerservicenummer (BSN)');
  await app.fill('Aantal betrokkenen, minimaal', '40');
  await app.fill('Aantal betrokkenen, maximaal', '60');
  await app.fill('Aantal persoonsgegevensregisters (bij benadering)', '60');
  await wizardSaved(app);
  await press(app, 'Volgende stap');
  await app.heading('4. Waarschijnlijke gevolgen');
  await tick(app, 'Identiteitsfraude');
  await app.select('Context van de verwerking (DPC)', '3');
  await app.select('Identificeerbaarheid (EI)', '4');
  await press(app, 'Volgende stap');
  await app.heading('5. Maatregelen');
  await app.fill('Genomen maatregelen', 'Link ingetrokken');
  await app.fill('Naam contactpersoon', 'J. Jansen');
  await wizardSaved(app);
  await press(app, 'Volgende stap');
  await app.heading('6. Controle en meldingen');
  await press(app, 'Meldingen maken (3)');
  await app.message('Meldingen gemaakt en in de kluis bewaard: 3.');

  // Offline first: an e-mail draft per customer, which Outlook opens as a draft to send.
  await press(app, 'E-mailconcepten voor alle klanten');
  await app.message('3 e-mailconcepten opgeslagen in');
  const draftFiles = readdirSync(exports).filter((f) => f.endsWith('.eml'));
  assert.equal(draftFiles.length, 3);
  const drafts = mime(draftFiles.map((f) => join(exports, f)));
  for (const [name, domain] of CUSTOMERS) {
    const draft = drafts.find((d) => d.to.some((a) => a.endsWith(`@${domain}.example`)));
    assert.ok(draft, `a draft for ${name}`);
    assert.deepEqual(draft.x_unsent, ['1']);
    const pdf = await assertNotice(app, draft, domain);
    assert.ok(pdf.name.endsWith('.pdf') && draftFiles.includes(pdf.name.replace(/\.pdf$/, '.eml')), pdf.name);
  }
  const draftTo = (domain) => drafts.find((d) => d.to[0].endsWith(`@${domain}.example`));
  assert.equal(draftTo('lindeboom').to.length, 2, 'both Lindeboom contacts that receive notices');
  assert.match(draftTo('korenschoof').subject, /^Melding datalek 20\d\d-001 – eerste melding – Bakkerij Korenschoof$/);
  assert.match(draftTo('korenschoof').body, /^Geachte heer, mevrouw,/);
  assert.match(draftTo('nordicdesign').subject, /^Personal data breach notice 20\d\d-001 – initial notice – Nordic Design Studio AB$/);
  assert.match(draftTo('nordicdesign').body, /^Dear Sir or Madam,/);

  // Send all three; the app is killed while the first message is on the server, not yet
  // acknowledged. The server keeps it: the customer may have it.
  await press(app, 'Alle 3 verzenden per e-mail');
  await server.waitFor('holding 0001');
  await app.quit();
  open = null;
  server.release();
  const kept = received(server.out);
  assert.equal(kept.length, 1, 'the server kept the message');
  // The customer whose message was cut off, and the two others.
  const [first, firstDomain] = CUSTOMERS.find(([, domain]) => kept[0].envelope.to[0].endsWith(`@${domain}.example`));
  const others = CUSTOMERS.filter(([name]) => name !== first);

  app = open = await App.start(dir);
  await unlock(app, PASSPHRASE);
  await app.heading('Overzicht');
  await (await app.find(`//ul[@class='clocks']//button[contains(normalize-space(), '${TITLE}')]`)).type(ENTER);
  await press(app, '6. Controle en meldingen');
  await app.find(`//table[@aria-label='Verzending per klant']//tr[td[1][normalize-space()='${first}'] and td[2][normalize-space()='Onbekend']]`);

  // Sending all again sends nothing and asks; the officer sends only the other two.
  await press(app, 'Alle 3 verzenden per e-mail');
  await app.message('Er is niets verzonden. Deze documenten kunnen de klant al bereikt hebben.');
  await app.find(`//*[@role='alert']//li[contains(normalize-space(), '${first}') and contains(normalize-space(), 'Onbekend')]`);
  assert.equal(received(server.out).length, 1, 'nothing more was sent');
  await press(app, 'Nee, alleen de andere 2 verzenden');
  await app.message('2 van 2 aangenomen door de mailserver');
  for (const [name] of others) {
    await app.find(`//table[@aria-label='Verzending per klant']//tr[td[1][normalize-space()='${name}'] and td[2][normalize-space()='Aangenomen']]`);
  }
  // The sent log wrote itself: nothing typed.
  await app.find(`//li[contains(normalize-space(), 'verzonden') and contains(normalize-space(), 'per e-mail aan') and contains(normalize-space(), '@${others[0][1]}.example')]`);
  await app.heading('Status: Klanten gemeld');

  // The officer checked with that customer, which never got it: sent again on the officer's
  // say.
  await press(app, `Verzenden per e-mail: ${first} eerste melding`);
  await app.message('kunnen de klant al bereikt hebben');
  await press(app, 'Ja, ook deze opnieuw verzenden');
  await app.message('1 van 1 aangenomen door de mailserver');

  // What the server received: that customer twice (the officer's choice), the others once; each
  // to the customer's contacts that receive notices, in its language, the kept PDF attached.
  const messages = received(server.out);
  assert.equal(messages.length, 4);
  const to = (domain) => messages.filter((m) => m.envelope.to.every((a) => a.endsWith(`@${domain}.example`)));
  for (const [, domain] of CUSTOMERS) assert.equal(to(domain).length, domain === firstDomain ? 2 : 1, domain);
  assert.deepEqual(to('lindeboom')[0].envelope.to.length, 2, 'both Lindeboom contacts that receive notices');
  for (const m of messages) {
    assert.equal(m.envelope.from, 'privacy@wolkwerk.example');
    assert.deepEqual(m.message.x_unsent, [], 'sent, not a draft');
    assert.deepEqual(m.message.to, m.envelope.to, 'the envelope goes to the addressees');
    await assertNotice(app, m.message, m.envelope.to[0].split('@')[1].replace('.example', ''));
  }
  assert.equal(to('nordicdesign')[0].message.subject, draftTo('nordicdesign').subject);
  assert.equal(to('korenschoof')[0].message.subject, draftTo('korenschoof').subject);

  // Every letter goes the same way, one at a time: a doubt notice about an instruction.
  await press(app, 'Klanten');
  await (await app.find(`//table//button[normalize-space()='Bakkerij Korenschoof']`)).type(ENTER);
  await press(app, 'Instructie vastleggen');
  const from = await app.field('Van contactpersoon');
  await app.select('Van contactpersoon', await app.script(`return [...arguments[0].options].find((o) => o.value).value;`, [from.ref()]));
  await app.select('Via', 'phone');
  await app.fill('Instructie (samenvatting)', INSTRUCTION);
  await (await app.field('Twijfel: deze instructie kan in strijd zijn met de privacywetgeving')).type(SPACE);
  await app.fill('Waarom wij twijfelen', 'Voor deze gegevens geldt nog een wettelijke bewaartermijn');
  await press(app, 'Instructie opslaan');
  await (await app.find(`//button[normalize-space()='Twijfelmelding maken']`)).type(ENTER);
  await app.text('Nog niet verzonden');
  await press(app, 'Verzenden per e-mail: Bakkerij Korenschoof twijfelmelding');
  await app.message('1 van 1 aangenomen door de mailserver');
  await app.find(`//li[starts-with(normalize-space(), 'Verzonden') and contains(normalize-space(), '(e-mail) aan') and contains(normalize-space(), '@korenschoof.example')]`);
  const letter = received(server.out)[4];
  assert.ok(letter, 'the server received the letter');
  await assertNotice(app, letter.message, 'korenschoof');
  assert.match(letter.message.subject, /twijfel/i);
  await app.quit();
  open = null;
});

test('nothing typed for the mail server reaches the disk in the clear', async () => {
  await assertNoPlaintext(dataDirs, [PASSWORD, SUMMARY]);
});
