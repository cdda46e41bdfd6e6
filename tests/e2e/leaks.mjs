// After the whole real-webview suite: every file in the suite's temporary folder (the apps'
// data folders with their vaults, backups, logs and WebKit storage, and whatever else the app,
// WebKit or GTK left there) is scanned for every text any test typed, in UTF-8 and UTF-16.
// Only the export folders the tests chose are left out: exports are plaintext by design.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_PREFIXES, SECRETS_FILE } from './steps.mjs';

const root = process.argv[2];
assert.ok(root, 'usage: node leaks.mjs <temporary folder>');
const secrets = [...new Set(readFileSync(join(root, SECRETS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l)))];
const needles = secrets.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);

let files = 0;
let bytes = 0;
const found = [];
function scan(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && EXPORT_PREFIXES.some((p) => entry.name.startsWith(p))) continue;
      scan(path);
    } else if (entry.isFile() && !(dir === root && entry.name === SECRETS_FILE)) {
      const content = readFileSync(path);
      files += 1;
      bytes += content.length;
      for (const [i, needle] of needles.entries()) {
        if (content.includes(needle)) found.push(`${secrets[i >> 1]} in ${path}`);
      }
    }
  }
}
scan(root);
assert.deepEqual(found, [], 'personal data in the clear');
assert.ok(files > 20, `scanned only ${files} files`);
console.log(`plaintext scan: ${secrets.length} typed texts, ${files} files (${(bytes / 1048576).toFixed(1)} MB) in ${root}: none found`);
