import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configDir } from './paths.js';

/** config.json, where conf keeps it (conf resolves its folder the same way). */
export function configFilePath(): string {
  return resolve(configDir(), 'config.json');
}

/**
 * config.json as it is, when it holds both keys that conf would otherwise fill in and write (and
 * parses as conf parses it, a byte order mark skipped); undefined otherwise, for conf to deal with.
 * Reading it this way spares every command that only reads its profile loading conf.
 */
export function readConfigFile(): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(configFilePath(), 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!isObject(data) || !Object.hasOwn(data, 'currentProfile') || !isObject(data['profiles'])) return undefined;
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
