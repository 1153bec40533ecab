import { usageError } from './cli-error.js';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `--fields id,subject` (or `--json=id,subject`): the names, checked for shape before anything is sent. */
export function parseFieldList(list: string): string[] {
  const fields = list.split(',').map((f) => f.trim());
  const bad = fields.find((f) => !FIELD_NAME.test(f));
  if (bad !== undefined) throw usageError(`--fields: ${bad === '' ? 'an empty name' : `"${bad}"`} is not a field name; give names separated by commas, such as --fields id,subject`);
  return [...new Set(fields)];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where the records of an answer are, so that one rule serves every command: the items of a list
 * answer (`{data: [...], nextCursor}`, its envelope kept so that the same jq works with and without
 * --fields), the object inside a one-key answer (`{conversation}`, `{agent}`), or the answer itself.
 */
function records(value: unknown): { items: Json[]; rebuild: (picked: Json[]) => unknown } {
  if (Array.isArray(value)) return { items: value.filter(isObject), rebuild: (picked) => picked };
  if (isObject(value) && Array.isArray(value['data'])) {
    return { items: value['data'].filter(isObject), rebuild: (picked) => ({ ...value, data: picked }) };
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    const only = keys.length === 1 ? value[keys[0]!] : undefined;
    if (isObject(only)) return { items: [only], rebuild: (picked) => ({ [keys[0]!]: picked[0] }) };
    return { items: [value], rebuild: (picked) => picked[0] };
  }
  return { items: [], rebuild: () => value };
}

/**
 * The answer with only these fields in each record; a field no record has is a usage error naming it
 * (`strict`), or simply absent from a value of a stream, whose values differ (queue --watch events).
 */
export function selectFields(value: unknown, fields: readonly string[], { strict = true } = {}): unknown {
  const { items, rebuild } = records(value);
  if (strict && items.length > 0) {
    const available = new Set(items.flatMap((item) => Object.keys(item)));
    const unknown = fields.filter((f) => !available.has(f));
    if (unknown.length > 0) {
      const names = unknown.map((f) => `"${f}"`).join(', ');
      throw usageError(`--fields: no field ${names} here; the fields are: ${[...available].join(', ')}`);
    }
  }
  return rebuild(items.map((item) => Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]))));
}
