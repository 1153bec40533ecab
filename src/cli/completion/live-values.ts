import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_QUEUE_STATUS } from '../../api/queue-defaults.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { SupportClient } from '../../client/support-client.js';
import { dataDir } from '../config/paths.js';
import { readQueueViews } from '../../api/queue-views.js';
import { listProfiles, profileName, readViewsConfig, resolveCredentials } from '../config/profiles.js';
import { USER_AGENT } from '../session.js';
import type { Candidate } from './complete.js';
import type { LiveKind } from './hints.js';

/** A Tab press waits at most this long for the API; then the cache (even stale) or nothing. */
export const LIVE_TIMEOUT_MS = 800;
/** Answers younger than this are used without asking the API again. */
export const CACHE_FRESH_MS = 60_000;

interface CacheEntry {
  at: number;
  values: Candidate[];
}

type CacheFile = Partial<Record<string, CacheEntry>>;

function cachePath(profile: string): string {
  return join(dataDir(), 'completion', `${profile.replace(/[^\w.-]/g, '_')}.json`);
}

function readCache(profile: string): CacheFile {
  try {
    const data: unknown = JSON.parse(readFileSync(cachePath(profile), 'utf8'));
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as CacheFile) : {};
  } catch {
    return {};
  }
}

function writeCache(profile: string, cache: CacheFile): void {
  try {
    const path = cachePath(profile);
    mkdirSync(join(dataDir(), 'completion'), { recursive: true, mode: 0o700 });
    writeFileSync(`${path}.tmp`, JSON.stringify(cache), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  } catch {
    // A cache that cannot be written only means the next Tab asks the API again.
  }
}

/** One line of a description: customer text is untrusted and the shell prints it. */
function describe(text: string): string {
  return sanitize(text, { multiline: false }).replace(/\s+/g, ' ').slice(0, 60);
}

async function fetchKind(client: SupportClient, kind: Exclude<LiveKind, 'profile' | 'view'>): Promise<Candidate[]> {
  if (kind === 'conversation') {
    const page = await client.queue.list({ status: DEFAULT_QUEUE_STATUS, limit: 200 });
    return page.data.map((c) => ({ value: String(c.id), description: describe(`${c.customer.name}: ${c.subject}`) }));
  }
  if (kind === 'macro') {
    const page = await client.macros.list({ limit: 200 });
    return page.data.map((m) => ({ value: m.shortcut, description: describe(m.name) }));
  }
  const page = await client.agents.list({ limit: 200 });
  return page.data.map((a) => ({ value: a.email, description: describe(`${a.name} (${a.role})`) }));
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/**
 * Live values for completion: profiles and views from the config file; conversations in the queue, macro
 * shortcuts and agent emails from the API of the profile in use, within LIVE_TIMEOUT_MS, cached per
 * profile for CACHE_FRESH_MS. Never fails: a Tab press with the API away offers what was cached.
 */
export function liveValues(profileOption: string | undefined, now: () => number = Date.now) {
  return async (kind: LiveKind): Promise<Candidate[]> => {
    if (kind === 'profile') return Object.entries(listProfiles()).map(([name, p]) => ({ value: name, description: describe(p.email ?? p.apiUrl) }));
    if (kind === 'view') return readQueueViews(readViewsConfig(), profileName(profileOption)).views.map((v) => ({ value: v.name, description: '' }));
    const creds = resolveCredentials(profileOption);
    const cache = readCache(creds.profile);
    const cached = cache[kind];
    if (cached && now() - cached.at < CACHE_FRESH_MS) return cached.values;
    if (!creds.token) return cached?.values ?? [];
    const { SupportClient } = await import('../../client/support-client.js');
    const client = new SupportClient({ baseUrl: creds.apiUrl, token: creds.token, userAgent: USER_AGENT, timeoutMs: LIVE_TIMEOUT_MS, retryLimit: 0 });
    const fresh = await within(fetchKind(client, kind), LIVE_TIMEOUT_MS);
    if (!fresh) return cached?.values ?? [];
    writeCache(creds.profile, { ...cache, [kind]: { at: now(), values: fresh } });
    return fresh;
  };
}
