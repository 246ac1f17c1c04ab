// docs/api/openapi.yaml against the server: the route table (`frontdoor-server routes`)
// and the document name the same operations, both ways; and every answer the
// integration tests recorded (tests/support/answer_log.hpp) is documented for its
// operation and status, and its body matches the schema (ajv, JSON Schema 2020-12).
//   FRONTDOOR_SERVER=path/to/frontdoor-server FRONTDOOR_SOURCE=repo node --test openapi.test.mjs
//   FRONTDOOR_ANSWERS_DIR=build/answers adds the answers check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.env.FRONTDOOR_SOURCE || path.resolve(here, '../..');
const server = process.env.FRONTDOOR_SERVER;
const answersDir = process.env.FRONTDOOR_ANSWERS_DIR;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const doc = YAML.parse(readFileSync(path.join(source, 'docs/api/openapi.yaml'), 'utf8'), { maxAliasCount: -1 });

/** Every operation of the document: {method "GET", path, op, regex}. */
function operations() {
  const out = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const regex = new RegExp('^' + p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path: p, op: item[m], regex });
  }
  return out;
}

test('the document is OpenAPI 3.1 and every operation has a summary and responses', () => {
  assert.match(doc.openapi, /^3\.1\./);
  for (const o of operations()) {
    assert.ok(o.op.summary, `${o.method} ${o.path} has no summary`);
    assert.ok(Object.keys(o.op.responses || {}).length, `${o.method} ${o.path} has no responses`);
  }
});

test('the route table and the document name the same operations', { skip: !server && 'FRONTDOOR_SERVER unset' }, () => {
  const table = JSON.parse(execFileSync(server, ['routes'], { encoding: 'utf8' }));
  assert.ok(table.length > 40, `only ${table.length} routes in the table`);
  const routes = new Set(table.map((r) => `${r.method} ${r.path}`));
  const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
  const undocumented = [...routes].filter((r) => !documented.has(r));
  const unrouted = [...documented].filter((d) => !routes.has(d));
  assert.deepEqual(undocumented, [], 'routes the server registers that docs/api/openapi.yaml lacks');
  assert.deepEqual(unrouted, [], 'operations docs/api/openapi.yaml has that the server does not register');
  // A public route says so in the document (security: []), and only those.
  for (const r of table) {
    const op = doc.paths[r.path][r.method.toLowerCase()];
    const isPublic = Array.isArray(op.security) && op.security.length === 0;
    assert.equal(isPublic, r.public, `${r.method} ${r.path}: public in the table ${r.public}, in the document ${isPublic}`);
  }
  console.log(`${table.length} routes agree with the document`);
});

/** The response object for a status, $ref resolved. */
function resolve(node) {
  while (node && node.$ref) {
    node = node.$ref.replace(/^#\//, '').split('/').reduce((n, k) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

test('the integration tests\' answers match their schemas', { skip: !answersDir && 'FRONTDOOR_ANSWERS_DIR unset' }, () => {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  // The whole document as one schema, so $refs into components resolve.
  ajv.addSchema({ $id: 'openapi', components: doc.components, paths: doc.paths });
  const ops = operations();
  const files = readdirSync(answersDir).filter((f) => f.endsWith('.jsonl'));
  assert.ok(files.length > 0, `no answers in ${answersDir}: run it with the server tests (ctest -R api_answers_test)`);
  const failures = [];
  const exercised = new Set();
  const validators = new Map();
  let checked = 0;
  let unrouted = 0;
  for (const file of files) {
    for (const line of readFileSync(path.join(answersDir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const a = JSON.parse(line);
      const op = ops.find((o) => o.method === a.method && o.regex.test(a.path));
      if (!op) {
        unrouted++; // 404s of made-up paths, 405s, the staff page's files
        continue;
      }
      const key = `${op.method} ${op.path}`;
      exercised.add(key);
      checked++;
      const where = `${a.program}: ${a.method} ${a.path} answered ${a.status}`;
      const response = resolve(op.op.responses[String(a.status)]);
      if (!response) {
        failures.push(`${where}, which ${key} does not document (${Object.keys(op.op.responses).join(', ')})`);
        continue;
      }
      const type = (a.content_type || '').split(';')[0].trim();
      if (!response.content) continue; // no body documented
      const media = response.content[type];
      if (!media) {
        failures.push(`${where} as ${type || 'no type'}; documented: ${Object.keys(response.content).join(', ')}`);
        continue;
      }
      if (type !== 'application/json') continue;
      if (a.body === null && a.text !== undefined) {
        failures.push(`${where}: the body is not JSON: ${a.text.slice(0, 200)}`);
        continue;
      }
      const vkey = `${key} ${a.status}`;
      if (!validators.has(vkey)) {
        const ptr = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
        let ref = `openapi#/paths/${ptr(op.path)}/${op.method.toLowerCase()}/responses/${a.status}`;
        const raw = op.op.responses[String(a.status)];
        if (raw.$ref) ref = 'openapi' + raw.$ref;
        validators.set(vkey, ajv.compile({ $ref: `${ref}/content/${ptr('application/json')}/schema` }));
      }
      const validate = validators.get(vkey);
      if (!validate(a.body)) {
        const e = validate.errors[0];
        failures.push(`${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}; body ${JSON.stringify(a.body).slice(0, 300)}`);
      }
    }
  }
  const never = ops.map((o) => `${o.method} ${o.path}`).filter((k) => !exercised.has(k));
  console.log(`${checked} answers checked over ${exercised.size} of ${ops.length} operations (${unrouted} answers to no operation)`);
  console.log(`operations no integration test exercised (${never.length}):\n  ${never.join('\n  ')}`);
  const unique = [...new Set(failures)];
  assert.equal(unique.length, 0, `${unique.length} answers do not match docs/api/openapi.yaml:\n${unique.slice(0, 60).join('\n')}`);
});
