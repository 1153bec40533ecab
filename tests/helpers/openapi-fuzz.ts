import fc, { type MaybeWeightedArbitrary } from 'fast-check';

/**
 * Requests built from /openapi.json: for each operation a request that the schemas accept (real ids
 * from the demo desk where a path or a field names one), then one thing broken in it: a path
 * segment, a query parameter, a header or the body (wrong types, missing and extra fields, NUL,
 * bytes that are not UTF-8, huge and deep values, out-of-range numbers and money).
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  $ref?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /v1/conversations/{id}. */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Ids that exist in the demo desk, so that a well-formed request goes past "not found". */
export interface IdPools {
  conversation: number[];
  agent: string[];
  customer: string[];
  account: string[];
  /** Each account's currency: a posting in another one stops at currency_mismatch. */
  accountCurrency: Record<string, string>;
  transaction: string[];
  refund: string[];
  macro: string[];
  complaint: string[];
}

export interface FuzzRequest {
  operation: string;
  variant: string;
  /** The raw HTTP request, as sent. */
  raw: Buffer;
}

export type Role = 'admin' | 'supervisor' | 'agent';

export function operationsOf(doc: OpenApi): Operation[] {
  const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {}) : schema);
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({ method: method.toUpperCase(), path, parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })), body: body ? resolve(body) : undefined });
    }
  }
  return out;
}

// ── Valid values ───────────────────────────────────────────────────────────────────────────────────

function poolFor(pattern: string | undefined, pools: IdPools): readonly (string | number)[] | undefined {
  if (!pattern) return undefined;
  const prefixes: [string, readonly (string | number)[]][] = [
    ['^txn_', pools.transaction],
    ['^cus_', pools.customer],
    ['^wal_', pools.account],
    ['^agt_', pools.agent],
    ['^rfd_', pools.refund],
    ['^C-', pools.complaint],
  ];
  return prefixes.find(([prefix, pool]) => pattern.startsWith(prefix) && pool.length > 0)?.[1];
}

function stringArbitrary(schema: JsonSchema, pools: IdPools): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const pool = poolFor(schema.pattern, pools);
  const text = fc.string({ minLength, maxLength: Math.max(minLength, maxLength), unit: 'grapheme' });
  if (schema.pattern) {
    let matching: fc.Arbitrary<string>;
    try {
      const re = new RegExp(schema.pattern, 'u');
      matching = fc.stringMatching(re).filter((s) => re.test(s) && s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      matching = text;
    }
    return pool ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool.map(String)) }, { weight: 1, arbitrary: matching }) : matching;
  }
  return text;
}

/** A value the schema accepts (most of the time: a few refinements such as minProperties are ignored). */
export function validValue(schema: JsonSchema, pools: IdPools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, pools, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      if (depth > 6) return fc.constant({});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = validValue(property, pools, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
    }
    case 'array': {
      const items = validValue(schema.items ?? {}, pools, depth + 1);
      const maxLength = Math.min(schema.maxItems ?? 3, 3);
      return schema.uniqueItems ? fc.uniqueArray(items, { maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { maxLength });
    }
    case 'string':
      return stringArbitrary(schema, pools);
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 1_000_000;
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }) }, { weight: 1, arbitrary: fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function pathValue(op: Operation, name: string, pools: IdPools): fc.Arbitrary<string> {
  const byPath: [RegExp, readonly (string | number)[]][] = [
    [/^\/v1\/conversations\/\{id\}/, pools.conversation],
    [/^\/v1\/agents\/\{id\}/, pools.agent],
    [/^\/v1\/customers\/\{id\}/, pools.customer],
    [/^\/v1\/accounts\/\{id\}/, pools.account],
    [/^\/v1\/transactions\/\{id\}/, pools.transaction],
    [/^\/v1\/refunds\/\{id\}/, pools.refund],
    [/^\/v1\/macros\/\{macro\}/, pools.macro],
    [/^\/v1\/complaints\/\{number\}/, pools.complaint],
  ];
  const pool = byPath.find(([re]) => re.test(op.path))?.[1];
  if (pool && pool.length > 0) return fc.constantFrom(...pool.map(String));
  const schema = op.parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
  return validValue(schema, pools).map(String);
}

// ── What gets broken ───────────────────────────────────────────────────────────────────────────────

const NUMBER_LITERALS = ['9007199254740993', '-9007199254740993', '1e308', '1e400', '-1e400', '-0', '0.5', '2147483648', '-2147483649', '18446744073709551616', '1E2', '0'];
// Out of range for the schema (above 2^53 - 1, zero, negative, fractional, in exponent form), and
// amounts the schema may let through but no balance can take (what the ledger must refuse itself).
const MONEY_LITERALS = [
  '9007199254740992', '9007199254740993', '100000000000000000000', '-1', '0', '1.5', '1e21', '-9007199254740991', '1e3',
  '9007199254740991', '9007199254740990', '4503599627370497', '1000000000000000', '999999999999999',
];
const WRONG_TYPES: unknown[] = [123, -1, 1.5, true, false, null, [], {}, 'text', '12', [1, 'a'], { a: { b: 1 } }, ''];
const PATH_GARBAGE = [
  '0', '-1', '2147483648', '99999999999999999999', '1.5', '1e3', 'abc', '%00', 'a%00b', '%FF', '%E0%A4%A', '%', 'x'.repeat(300), '..%2F..%2Fhealth', '%20',
  'null', '%C3%BC', 'agt_', 'mac_zzzzzz', 'C-20261301-000001', 'cus_%00aaaaaa', 'wal_aaaaaaa%0A', '%F0%9F%98%80', '%EF%BB%BF1',
];
const QUERY_GARBAGE = ['', 'abc', '-1', '0', '1.5', '1e309', '99999999999999999999', 'true', 'null', '%00', 'a%00b', '%FF', '%E0%A4%A', '%', '%C0%80', 'x'.repeat(10_000), '[]', '{}', '%0D%0A'];
const CONTENT_TYPES = [
  'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json-seq', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/problem+json', '*/*', '', 'application/json;;;',
];
const BAD_UTF8 = [[0xff], [0xfe], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0x80], [0x80]];

type Body = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Buffer } | { kind: 'none' };

interface Draft {
  method: string;
  path: string;
  query: [string, string][];
  headers: [string, string][];
  body: Body;
  contentType: string | undefined;
}

/** Every place in a JSON value: [path of keys, value]. */
function places(value: unknown, prefix: (string | number)[] = []): [(string | number)[], unknown][] {
  const out: [(string | number)[], unknown][] = [[prefix, value]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...places(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...places(v, [...prefix, k]));
  return out;
}

function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

function deep(depth: number, leaf: string): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

const SENTINEL = '\u{10FFFF}literal\u{10FFFF}';

/** Serialises a JSON body, with a sentinel string swapped for a raw literal JSON cannot build (1e400, deep nesting). */
function withLiteral(value: unknown, literal: string): string {
  return JSON.stringify(value).replace(JSON.stringify(SENTINEL), literal);
}

type Mutation = MaybeWeightedArbitrary<[string, Draft]>;

/** NUL is what broke PostgreSQL: it gets more of the budget than any other single mutation. */
const NUL_WEIGHT = 4;

function bodyMutations(draft: Draft, schema: JsonSchema): Mutation[] {
  const value = draft.body.kind === 'json' ? draft.body.value : {};
  const all = places(value).filter(([path]) => path.length > 0);
  const strings = all.filter(([, v]) => typeof v === 'string');
  const numbers = all.filter(([, v]) => typeof v === 'number');
  const top = Object.keys(value && typeof value === 'object' ? value : {});
  const target = all.length ? fc.constantFrom(...all.map(([p]) => p)) : fc.constant([] as (string | number)[]);
  const withBody = (variant: string, body: Body, extra: Partial<Draft> = {}): [string, Draft] => [variant, { ...draft, body, ...extra }];
  const json = (v: unknown): Body => ({ kind: 'json', value: v });
  const text = (t: string): Body => ({ kind: 'text', text: t });
  // Money fields present in the value, and a top-level `amount` the schema offers but the value left out.
  const amounts = all.filter(([p]) => p[p.length - 1] === 'amount').map(([p]) => p);
  if (schema.properties?.['amount'] && !amounts.some((p) => p.length === 1)) amounts.push(['amount']);
  const out: Mutation[] = [
    { weight: 2, arbitrary: fc.constant(withBody('body:valid', draft.body)) },
    fc.tuple(target, fc.constantFrom(...WRONG_TYPES)).map(([p, v]) => withBody('body:wrong-type', json(setAt(value, p, v)))),
    fc.constantFrom(...[...top, ''])
      .map((k) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[k];
        return withBody('body:missing-field', json(copy));
      }),
    fc.tuple(target, fc.constantFrom('extra', 'constructor', '__proto__', 'x'.repeat(2000), '', '\u0000', 'id')).map(([p, k]) => {
      const at = places(value).find(([q]) => JSON.stringify(q) === JSON.stringify(p))?.[1];
      const host = at && typeof at === 'object' && !Array.isArray(at) ? p : [];
      const parent = places(value).find(([q]) => JSON.stringify(q) === JSON.stringify(host))?.[1] as Record<string, unknown> | undefined;
      // __proto__ as an own key only survives as JSON text.
      const textBody = JSON.stringify(setAt(value, host, { ...(parent ?? {}), [SENTINEL]: 1 })).replace(JSON.stringify(SENTINEL), JSON.stringify(k));
      return withBody('body:extra-field', text(textBody));
    }),
    fc.constantFrom<[string, unknown]>(['[]', []], ['"s"', 's'], ['1', 1], ['null', null], ['true', true], ['{}', {}]).map(([, v]) => withBody('body:not-an-object', json(v))),
    fc.constantFrom('', ' ', 'not json', '{', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '\u0000', '{"a":"\\ud800"}', '{"a":"\\u0000"}').map((t) => withBody('body:malformed', text(t))),
    fc.constantFrom(...CONTENT_TYPES).map((ct) => withBody('body:content-type', draft.body, { contentType: ct })),
    fc.tuple(fc.constantFrom(...BAD_UTF8), fc.nat()).map(([bytes, at]) => {
      const serialized = Buffer.from(JSON.stringify(value));
      // Inside a string when the body has one, else anywhere.
      const quote = serialized.indexOf('":"');
      const offset = quote > 0 ? quote + 3 : at % (serialized.length + 1);
      return withBody('body:invalid-utf8', { kind: 'bytes', bytes: Buffer.concat([serialized.subarray(0, offset), Buffer.from(bytes), serialized.subarray(offset)]) });
    }),
    fc.tuple(target, fc.constantFrom(1000, 5000, 20_001, 100_000)).map(([p, n]) => withBody('body:huge-value', json(setAt(value, p, 'x'.repeat(n))))),
    fc.constantFrom(1024 * 1024 + 1, 3 * 1024 * 1024).map((n) => withBody('body:huge-body', text(JSON.stringify({ ...(value as object), padding: 'x'.repeat(n) })))),
    fc.tuple(target, fc.constantFrom(100, 2000, 20_000), fc.constantFrom('1', '"x"', '{}', 'null')).map(([p, d, leaf]) => withBody('body:deep', text(withLiteral(setAt(value, p, SENTINEL), deep(d, leaf))))),
    fc.tuple(target, fc.constantFrom(100, 2000)).map(([p, d]) => withBody('body:deep-object', text(withLiteral(setAt(value, p, SENTINEL), '{"a":'.repeat(d) + '1' + '}'.repeat(d))))),
    fc.tuple(numbers.length ? fc.constantFrom(...numbers.map(([p]) => p)) : target, fc.constantFrom(...NUMBER_LITERALS)).map(([p, n]) => withBody('body:number-edge', text(withLiteral(setAt(value, p, SENTINEL), n)))),
  ];
  if (amounts.length) {
    out.push({
      weight: NUL_WEIGHT,
      arbitrary: fc.tuple(fc.constantFrom(...amounts), fc.constantFrom(...MONEY_LITERALS)).map(([p, n]) => withBody('body:money', text(withLiteral(setAt(value, p, SENTINEL), n)))),
    });
  }
  if (strings.length) {
    const insert = (variant: string, characters: string[]) =>
      fc.tuple(fc.constantFrom(...strings), fc.nat(), fc.constantFrom(...characters)).map(([[p, s], at, inserted]) => {
        const str = s as string;
        const i = at % (str.length + 1);
        return withBody(variant, json(setAt(value, p, str.slice(0, i) + inserted + str.slice(i))));
      });
    out.push(
      { weight: NUL_WEIGHT, arbitrary: insert('body:nul', ['\u0000', '\u0000\u0000', 'a\u0000']) },
      insert('body:control', ['\u001b[2J', '\ud800', '\u202e', '\r\n', '\u0085', '\u200b', '\ufeff']),
    );
  }
  return out;
}

function queryMutations(draft: Draft, params: Parameter[]): Mutation[] {
  const names = params.map((p) => p.name);
  const name = fc.constantFrom(...names);
  const replace = (n: string, v: string): [string, string][] => [...draft.query.filter(([k]) => k !== n), [n, v]];
  const present = draft.query.length ? fc.constantFrom(...draft.query) : fc.constantFrom(...names.map((n): [string, string] => [n, 'a']));
  const out: Mutation[] = [
    { weight: 2, arbitrary: fc.constant<[string, Draft]>(['query:valid', draft]) },
    {
      weight: NUL_WEIGHT,
      arbitrary: fc.tuple(present, fc.constantFrom('%00', 'a%00', '%00%00')).map(([[n, v], nul]) => ['query:nul', { ...draft, query: replace(n, encodeURIComponent(v) + nul) }]),
    },
    fc.tuple(name, fc.constantFrom(...QUERY_GARBAGE)).map(([n, v]) => ['query:garbage', { ...draft, query: replace(n, v) }]),
    fc.constantFrom('extra', 'LIMIT', '__proto__', 'constructor', '%00', '%FF', 'a[b]').map((n) => ['query:extra', { ...draft, query: [...draft.query, [n, '1']] }]),
    fc.tuple(name, fc.constantFrom('1', 'a')).map(([n, v]) => ['query:repeated', { ...draft, query: [...draft.query, [n, v], [n, v]] }]),
    name.map((n) => ['query:missing', { ...draft, query: draft.query.filter(([k]) => k !== n) }]),
  ];
  if (names.includes('cursor')) {
    const lists = ['agents', 'refunds', 'complaints', 'macros', 'queue', 'messages', 'audit', 'other'];
    const parts = fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1, 1e308, '', 'a\u0000', 'x'.repeat(600), null, [], {}, true, '2026-01-01', 'agt_aaaaaaaa', '\ud800');
    const forged = fc.tuple(fc.constantFrom(...lists), fc.array(parts, { maxLength: 5 })).map(([list, rest]) => Buffer.from(JSON.stringify([list, ...rest])).toString('base64url'));
    const garbage = fc.oneof(forged, fc.base64String({ maxLength: 80 }).map((s) => s.replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')), fc.constantFrom('%00', 'AAAA', '____', 'bnVsbA', 'W10', 'x'.repeat(600)));
    out.push(garbage.map((c) => ['query:cursor', { ...draft, query: replace('cursor', c) }]));
  }
  return out;
}

function pathMutations(draft: Draft, op: Operation): Mutation[] {
  const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (!names.length) return [];
  return [
    fc.tuple(fc.constantFrom(...names), fc.constantFrom(...PATH_GARBAGE)).map(([n, v]) => ['path:garbage', { ...draft, path: op.path.replace(`{${n}}`, v) }]),
    // A real id with a NUL after it.
    {
      weight: NUL_WEIGHT / 2,
      arbitrary: fc.tuple(fc.constantFrom(...names), fc.constantFrom('%00', '%00x')).map(([n, nul]) => {
        const segments = draft.path.split('/');
        const at = op.path.split('/').indexOf(`{${n}}`);
        segments[at] += nul;
        return ['path:nul', { ...draft, path: segments.join('/') }];
      }),
    },
  ];
}

function headerMutations(draft: Draft): Mutation[] {
  const set = (name: string, value: string): [string, string][] => [...draft.headers.filter(([k]) => k !== name), [name, value]];
  return [
    fc.constantFrom('', ' ', 'x'.repeat(300), 'é', 'a b', 'key\t1', '%00', 'ü-bytes').map((v) => ['header:idempotency-key', { ...draft, headers: set('idempotency-key', v) }]),
    fc.constantFrom('Bearer ', 'Bearer', 'Bearer sup_' + 'A'.repeat(43), 'Basic YTpi', 'Bearer ' + 'a'.repeat(5000), 'bearer  x', 'Bearer sup_\u00e9').map((v) => ['header:authorization', { ...draft, headers: set('authorization', v) }]),
    fc.constantFrom('-1', 'abc', '99999999999999999999', '1e3', '', '9007199254740993', '1.5').map((v) => ['header:last-event-id', { ...draft, headers: set('last-event-id', v) }]),
    fc.constantFrom('text/html', 'application/xml', '*/*;q=0', 'application/problem+json', '', 'x'.repeat(2000)).map((v) => ['header:accept', { ...draft, headers: set('accept', v) }]),
    fc.constantFrom('x-a: \u0000', 'x-a: \u007f', 'x-a: \u00ff', 'bad header: 1', 'x-a:' + 'y'.repeat(20_000), 'content-length: 1\r\ncontent-length: 2', 'transfer-encoding: chunked\r\ncontent-length: 3', 'host: a\r\nhost: b', 'x-forwarded-for: \u0000', 'x-request-id: ' + 'r'.repeat(5000)).map(
      (line) => ['header:raw', { ...draft, headers: [...draft.headers, ['__raw__', line]] }],
    ),
  ];
}

function render(draft: Draft): Buffer {
  let body: Buffer | undefined;
  if (draft.body.kind === 'json') body = Buffer.from(JSON.stringify(draft.body.value));
  else if (draft.body.kind === 'text') body = Buffer.from(draft.body.text);
  else if (draft.body.kind === 'bytes') body = draft.body.bytes;
  const query = draft.query.length ? `?${draft.query.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&')}` : '';
  const lines = [`${draft.method} ${draft.path}${query} HTTP/1.1`, 'host: fuzz'];
  const raw = draft.headers.find(([k]) => k === '__raw__')?.[1];
  const rawNames = raw ? raw.split('\r\n').map((l) => l.split(':')[0]!.toLowerCase()) : [];
  for (const [k, v] of draft.headers) if (k !== '__raw__' && !rawNames.includes(k)) lines.push(`${k}: ${v}`);
  if (body !== undefined) {
    if (draft.contentType !== '') lines.push(`content-type: ${draft.contentType ?? 'application/json'}`);
    if (!rawNames.includes('content-length') && !rawNames.includes('transfer-encoding')) lines.push(`content-length: ${body.length}`);
  }
  if (raw) lines.push(raw);
  lines.push('connection: close');
  // Header values go out as their UTF-8 bytes (a client that does not encode them right).
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), body ?? Buffer.alloc(0)]);
}

/** Query values are sent as given when they already hold a percent-escape (%00, %FF), else encoded. */
function encodeQuery(value: string): string {
  return /%[0-9A-Fa-f]{0,2}/.test(value) ? value.replaceAll(' ', '%20') : encodeURIComponent(value);
}

/** The requests for one operation, generated from a fixed seed so that a failure replays. */
export function requestsFor(op: Operation, pools: IdPools, tokens: Record<Role, string>, seed: number, count: number): FuzzRequest[] {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = pathParams.reduce<fc.Arbitrary<string>>(
    (acc, p) => acc.chain((path) => pathValue(op, p.name, pools).map((v) => path.replace(`{${p.name}}`, encodeURIComponent(v)))),
    fc.constant(op.path),
  );
  const queryArb = fc.tuple(
    ...queryParams.map((p) => {
      const entry = validValue(p.schema, pools).map((v) => [p.name, String(v)] as [string, string]);
      return p.required ? entry : fc.option(entry, { nil: undefined, freq: 2 });
    }),
  ).map((entries) => entries.filter((e): e is [string, string] => e !== undefined));
  // Logging out with a desk token would end the run's session: that operation gets other tokens only.
  const logout = op.path === '/v1/auth/logout';
  const authArb = fc.oneof(
    { weight: logout ? 0 : 17, arbitrary: fc.constant(`Bearer ${tokens.admin}`) },
    { weight: logout ? 0 : 1, arbitrary: fc.constant(`Bearer ${tokens.supervisor}`) },
    { weight: logout ? 0 : 1, arbitrary: fc.constant(`Bearer ${tokens.agent}`) },
    { weight: 1, arbitrary: fc.constant('') },
  );
  const baseArb = fc
    .record({
      path: pathArb,
      query: queryArb,
      auth: authArb,
      key: fc.uuid(),
      body: op.body ? validValue(op.body, pools) : fc.constant(undefined),
    })
    .map(({ path, query, auth, key, body }) => {
      const account = /^\/v1\/accounts\/([^/]+)/.exec(path)?.[1];
      const currency = account ? pools.accountCurrency[account] : undefined;
      const aligned = currency && body && typeof body === 'object' && 'currency' in body ? { ...body, currency } : body;
      return { path, query, auth, key, body: aligned };
    })
    .map(
      ({ path, query, auth, key, body }): Draft => ({
        method: op.method,
        path,
        query,
        headers: [...(auth ? [['authorization', auth] as [string, string]] : []), ...(op.parameters.some((p) => p.name === 'idempotency-key') ? [['idempotency-key', key] as [string, string]] : [])],
        body: body === undefined ? { kind: 'none' } : { kind: 'json', value: body },
        contentType: undefined,
      }),
    );
  const requestArb = baseArb.chain((draft) => {
    const mutations = [
      ...(op.body ? bodyMutations(draft, op.body) : [{ weight: 2, arbitrary: fc.constant<[string, Draft]>(['valid', draft]) }]),
      ...(queryParams.length ? queryMutations(draft, queryParams) : []),
      ...pathMutations(draft, op),
      ...headerMutations(draft),
    ];
    return fc.oneof(...mutations);
  });
  return fc.sample(requestArb, { seed, numRuns: count }).map(([variant, draft]) => ({ operation: `${op.method} ${op.path}`, variant, raw: render(draft) }));
}
