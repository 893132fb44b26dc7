// validate.js - checks xAPI statements with an independent validator
// (@learninglocker/xapi-validation, pinned in package-lock.json).
//   node validate.js FILE   (a JSON array of statements, or one statement)
// Prints one line per problem ("statement N (verb): path: message") and
// "ok: N statements (verbs ...)"; exits 1 when any statement is invalid.
'use strict';
const fs = require('fs');
const validate = require('@learninglocker/xapi-validation').default;

function problems(stmt) {
    return validate(stmt).map((w) =>
        `${(w.path || []).join('.')}: ${w.typeName || w.name}` +
        (w.data !== undefined ? ` (got ${JSON.stringify(w.data)})` : ''));
}

function main() {
    const text = fs.readFileSync(process.argv[2] || 0, 'utf8');
    let doc = JSON.parse(text);
    if (!Array.isArray(doc)) doc = [doc];
    let bad = 0;
    const verbs = {};
    doc.forEach((s, i) => {
        const v = s && s.verb && s.verb.id ? s.verb.id.replace(/.*\//, '') : '?';
        verbs[v] = (verbs[v] || 0) + 1;
        for (const p of problems(s)) {
            bad++;
            console.log(`statement ${i + 1} (${v}): ${p}`);
        }
    });
    const kinds = Object.keys(verbs).sort().map((k) => `${k}=${verbs[k]}`);
    console.log(`${bad ? 'invalid' : 'ok'}: ${doc.length} statements (${kinds.join(' ')})`);
    process.exit(bad ? 1 : 0);
}

module.exports = { problems };
if (require.main === module) main();
