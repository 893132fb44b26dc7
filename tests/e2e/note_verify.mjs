// note_verify.mjs - checks an lprsim audit checkpoint as any witness
// would, following https://c2sp.org/signed-note and
// https://c2sp.org/tlog-checkpoint with nothing from lprsim: split the note
// at its last blank line, find the signature line of the key
// (name "lprsim-audit-" + the first 8 bytes of SHA-256(pk) in hex), check
// the 4-byte key hash SHA-256(name || 0x0A || 0x01 || pk)[:4] and the
// Ed25519 signature over the body (its final newline included).
// Usage: node note_verify.mjs NOTE AUDIT.PUB; prints "ok SIZE ORIGIN".
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

const [note, pubfile] = process.argv.slice(2);
const fail = (m) => { console.error(`note_verify: ${m}`); process.exit(1); };
const text = readFileSync(note, 'utf8');
const pubLines = readFileSync(pubfile, 'utf8').split('\n');
if (pubLines[0] !== 'lprsim-audit-public-key-1') fail('not an audit public key');
const pk = Buffer.from(pubLines[1], 'base64');
if (pk.length !== 32) fail('public key is not 32 bytes');

const cut = text.lastIndexOf('\n\n');
if (cut < 0) fail('no blank line');
const body = text.slice(0, cut + 1);
const [origin, size, root, ...ext] = body.slice(0, -1).split('\n');
if (!origin || !/^[1-9][0-9]*$|^0$/.test(size)) fail('bad checkpoint body');
if (Buffer.from(root, 'base64').length !== 32) fail('root hash is not 32 bytes');
void ext;

const keyId = createHash('sha256').update(pk).digest('hex').slice(0, 16);
const name = `lprsim-audit-${keyId}`;
const keyHash = createHash('sha256')
  .update(Buffer.concat([Buffer.from(name), Buffer.from([0x0a, 0x01]), pk]))
  .digest().subarray(0, 4);
const key = createPublicKey({
  key: { kty: 'OKP', crv: 'Ed25519', x: pk.toString('base64url') },
  format: 'jwk',
});
for (const line of text.slice(cut + 2).split('\n')) {
  if (!line) continue;
  const m = /^\u2014 (\S+) (\S+)$/.exec(line);
  if (!m) fail(`malformed signature line: ${line}`);
  if (m[1] !== name) continue;
  const sig = Buffer.from(m[2], 'base64');
  if (sig.length !== 68 || !sig.subarray(0, 4).equals(keyHash)) continue;
  if (!verify(null, Buffer.from(body), key, sig.subarray(4))) fail('bad signature');
  console.log(`ok ${size} ${origin}`);
  process.exit(0);
}
fail(`no signature by ${name}`);
