// jose_verify.mjs - checks an lprsim VC-JWT with an independent JOSE
// implementation (the npm package "jose") against the issuer's JWK set,
// then what Open Badges 3.0 section 8.2 asks of it: the credential is the
// payload itself (VC data model 2.0: no "vc" claim), iss/sub/jti/nbf/exp
// match issuer.id, credentialSubject.id, id, validFrom, validUntil; the
// header's kid is the issuer id plus a fragment and, as a did:key URI,
// dereferences (base58btc, multicodec 0xed01) to the very key of the JWK
// set; the result names its ResultDescription by id.
//   node jose_verify.mjs JWT_FILE JWKS_FILE [CURRENT_DATE]
// Prints "valid sub=... jti=... kid=..." and exits 0, or "invalid CODE"
// and exits 4.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';

const [jwtFile, jwksFile, when] = process.argv.slice(2);
const jwt = readFileSync(jwtFile, 'utf8').trim();
const jwksDoc = JSON.parse(readFileSync(jwksFile, 'utf8'));
const jwks = createLocalJWKSet(jwksDoc);
const opts = { algorithms: ['EdDSA'], typ: 'JWT' };
if (when) opts.currentDate = new Date(when);

function b58decode(s) {
  const A = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const ch of s) {
    const d = A.indexOf(ch);
    if (d < 0) throw new Error(`not base58: ${ch}`);
    n = n * 58n + BigInt(d);
  }
  const bytes = [];
  while (n > 0n) { bytes.unshift(Number(n % 256n)); n /= 256n; }
  for (const ch of s) { if (ch !== '1') break; bytes.unshift(0); }
  return Buffer.from(bytes);
}

function fail(code, msg) {
  console.log(`invalid ${code}: ${msg}`);
  process.exit(4);
}

try {
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, opts);
  const hdr = decodeProtectedHeader(jwt);
  const extra = Object.keys(hdr).filter((k) => !['alg', 'kid', 'jwk', 'typ'].includes(k));
  if (extra.length) fail('OB3_HEADER', `JOSE headers not allowed: ${extra}`);
  if (payload.vc) fail('OB3_FORM', 'a "vc" claim (VC 1.1 form) in a VC 2.0 credential');
  const cred = payload;
  const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  if (payload.iss !== cred.issuer?.id) fail('OB3_ISS', 'iss is not issuer.id');
  if (payload.sub !== cred.credentialSubject?.id) fail('OB3_SUB', 'sub is not credentialSubject.id');
  if (payload.jti !== cred.id) fail('OB3_JTI', 'jti is not id');
  if (iso(payload.nbf) !== cred.validFrom) fail('OB3_NBF', `nbf ${iso(payload.nbf)} is not validFrom ${cred.validFrom}`);
  if (iso(payload.exp) !== cred.validUntil) fail('OB3_EXP', 'exp is not validUntil');
  // kid: the issuer id plus a fragment, dereferencing to the JWK
  const kid = protectedHeader.kid || '';
  const [did, frag] = kid.split('#');
  if (did !== cred.issuer.id || !frag) fail('OB3_KID', `kid ${kid} is not the issuer id plus a fragment`);
  if (!did.startsWith('did:key:z') || frag[0] !== 'z') fail('OB3_KID', 'kid is no did:key URI');
  const mc = b58decode(frag.slice(1));
  const jwk = jwksDoc.keys.find((k) => k.kid === kid);
  if (!jwk) fail('OB3_KID', 'the JWK set holds no key with this kid');
  const x = Buffer.from(jwk.x, 'base64url');
  if (mc.length !== 34 || mc[0] !== 0xed || mc[1] !== 0x01 || !mc.subarray(2).equals(x))
    fail('OB3_KID', 'the kid does not dereference to the JWK of the set');
  // the result refers to a ResultDescription of the achievement by id
  const ach = cred.credentialSubject.achievement || {};
  const ids = (ach.resultDescription || []).map((r) => r.id);
  for (const r of cred.credentialSubject.result || [])
    if (!ids.includes(r.resultDescription)) fail('OB3_RESULT', `result refers to ${r.resultDescription}, not a resultDescription id`);
  console.log(`valid sub=${payload.sub} jti=${payload.jti} kid=${kid}` +
              ` iss=${payload.iss} type=${(cred.type || []).join(',')}` +
              ` validUntil=${cred.validUntil} exp=${payload.exp} nbf=${payload.nbf}` +
              ` result=${(cred.credentialSubject.result || []).map((r) => r.value).join(',')}`);
} catch (e) {
  console.log(`invalid ${e.code || e.name}: ${e.message}`);
  process.exit(4);
}
