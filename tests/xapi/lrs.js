// lrs.js - a minimal learning record store for the tests: the statements
// resource of xAPI 1.0.3 (POST and PUT of statements, GET by statementId
// or all), every statement checked by the same independent validator as
// validate.js.  No LRS could be installed from the registries here (the
// npm LRS "xapi-statements" needs MongoDB and Redis servers, which Debian
// 12 does not ship), so the HTTP side is tested against this one.
//   node lrs.js PORTFILE AUTH [FAILFIRST]
// Listens on 127.0.0.1 on a free port and writes the port to PORTFILE.
// AUTH is "key:secret" (Basic); FAILFIRST answers the first N POSTs with
// 503 (to test retries).  A statement id seen before with other content
// is 409 Conflict; with the same content it is accepted again (idempotent).
// Every accepted POST is logged to stdout as "POST n ids".
'use strict';
const http = require('http');
const fs = require('fs');
const { problems } = require('./validate.js');

const [portFile, auth, failFirst] = process.argv.slice(2);
const want = 'Basic ' + Buffer.from(auth || '').toString('base64');
let fails = Number(failFirst || 0);
const stored = new Map();

function send(res, code, body) {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json',
                          'X-Experience-API-Version': '1.0.3' });
    res.end(text);
}

function accept(list) {
    for (const s of list) {
        const p = problems(s);
        if (p.length) return [400, { error: `invalid statement ${s.id}: ${p.join('; ')}` }];
        const old = stored.get(s.id);
        if (old !== undefined && old !== JSON.stringify(s))
            return [409, { error: `statement ${s.id} exists with other content` }];
    }
    for (const s of list) stored.set(s.id, JSON.stringify(s));
    return [200, list.map((s) => s.id)];
}

const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; if (body.length > 8e6) req.destroy(); });
    req.on('end', () => {
        if (req.headers.authorization !== want) return send(res, 401, { error: 'bad credentials' });
        if (req.headers['x-experience-api-version'] !== '1.0.3')
            return send(res, 400, { error: 'X-Experience-API-Version 1.0.3 required' });
        const url = new URL(req.url, 'http://127.0.0.1');
        if (!url.pathname.endsWith('/statements')) return send(res, 404, { error: 'no such resource' });
        if (req.method === 'GET') {
            const id = url.searchParams.get('statementId');
            if (id) return stored.has(id) ? send(res, 200, JSON.parse(stored.get(id))) : send(res, 404);
            return send(res, 200, { statements: [...stored.values()].map((t) => JSON.parse(t)), more: '' });
        }
        if (req.method !== 'POST') return send(res, 405, { error: 'POST or GET' });
        if (fails > 0) { fails--; return send(res, 503, { error: 'try again' }); }
        let doc;
        try { doc = JSON.parse(body); } catch (e) { return send(res, 400, { error: 'not JSON' }); }
        const list = Array.isArray(doc) ? doc : [doc];
        const [code, out] = accept(list);
        if (code === 200) console.log(`POST ${list.length} ids total=${stored.size}`);
        send(res, code, out);
    });
});
server.listen(0, '127.0.0.1', () => {
    fs.writeFileSync(portFile, String(server.address().port));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
