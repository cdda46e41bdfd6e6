// Steps the real-webview tests share: creating and unlocking a vault, and the check that
// nothing typed reached the disk in the clear.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PASSPHRASE = 'zeven zonnige zeilboten';

export async function createVault(app) {
  await app.heading('Nieuwe kluis aanmaken');
  await app.fill('Uw naam (functionaris)', 'Fatima El Amrani');
  await app.fill('Wachtwoordzin', PASSPHRASE);
  await app.fill('Wachtwoordzin herhalen', PASSPHRASE);
  await app.fill('Naam verwerker', 'Wolkwerk B.V.');
  await app.fill('KvK-nummer', '87654321');
  await app.fill('E-mailadres privacy', 'privacy@wolkwerk.example');
  await (await app.button('Kluis aanmaken')).click();
  await toCustomers(app);
}

/** From the start screen, which opens after unlocking, to the customer list. */
export async function toCustomers(app) {
  await app.heading('Overzicht');
  await (await app.button('Klanten')).click();
  await app.heading('Klanten');
}

export async function unlock(app, passphrase) {
  await app.heading('Kluis ontgrendelen');
  await app.fill('Wachtwoordzin', passphrase);
  await (await app.button('Ontgrendelen')).click();
}

/** Scans every file below each data folder (vault, sidecar, log, WebKit's own storage) for
 * the texts, in UTF-8 and UTF-16. */
export function assertNoPlaintext(dataDirs, secrets) {
  let scanned = 0;
  const files = (dir) =>
    readdirSync(dir, { recursive: true })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile());
  for (const dir of dataDirs) {
    assert.ok(readdirSync(dir).includes('webview'), `WebKit keeps its data in ${dir}`);
    for (const path of files(dir)) {
      const name = path.slice(dir.length + 1);
      const bytes = readFileSync(path);
      scanned += 1;
      for (const secret of secrets) {
        for (const encoding of ['utf8', 'utf16le']) {
          assert.equal(bytes.indexOf(Buffer.from(secret, encoding)), -1, `${secret} in ${path}`);
        }
      }
      if (/^vault-\d+\.db$/.test(name)) {
        assert.notEqual(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0', `${path} is plain SQLite`);
      }
    }
  }
  assert.ok(scanned >= dataDirs.length * 3, `scanned ${scanned} files`);
}
