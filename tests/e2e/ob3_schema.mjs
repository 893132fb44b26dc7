// ob3_schema.mjs - validates the payload of an lprsim VC-JWT (the
// OpenBadgeCredential itself, OB 3.0 section 8.2) against a JSON schema
// with the npm package ajv (draft 2019-09) and ajv-formats (uri,
// date-time): the schema written from the spec text for the tests, or the
// 1EdTech OB 3.0 schema file when OB3_SCHEMA names one.
//   node ob3_schema.mjs JWT_FILE SCHEMA_FILE
// Prints "schema ok" and exits 0, or the errors and exits 4.
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const [jwtFile, schemaFile] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(process.env.OB3_SCHEMA || schemaFile, 'utf8'));
const jwt = readFileSync(jwtFile, 'utf8').trim();
const payload = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(payload)) {
  console.log('schema ok');
} else {
  for (const e of validate.errors) console.log(`${e.instancePath || '/'} ${e.message}`);
  process.exit(4);
}
