// jose_verify.mjs - checks an lprsim VC-JWT with an independent JOSE
// implementation (the npm package "jose") against the issuer's JWK set.
//   node jose_verify.mjs JWT_FILE JWKS_FILE [CURRENT_DATE]
// Prints "valid sub=... jti=... kid=..." and exits 0, or "invalid CODE"
// and exits 4.
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [jwtFile, jwksFile, when] = process.argv.slice(2);
const jwt = readFileSync(jwtFile, 'utf8').trim();
const jwks = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
const opts = { algorithms: ['EdDSA'], typ: 'JWT' };
if (when) opts.currentDate = new Date(when);
try {
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, opts);
  const vc = payload.vc || {};
  console.log(`valid sub=${payload.sub} jti=${payload.jti} kid=${protectedHeader.kid}` +
              ` iss=${payload.iss} type=${(vc.type || []).join(',')}` +
              ` validUntil=${vc.validUntil} exp=${payload.exp} nbf=${payload.nbf}`);
} catch (e) {
  console.log(`invalid ${e.code || e.name}: ${e.message}`);
  process.exit(4);
}
