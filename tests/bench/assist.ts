import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATEGORIES, LANGUAGES, type Language } from '../../src/api/enums.js';
import type { SuggestRequest, Suggestions } from '../../src/api/types.js';
import { SupportClient } from '../../src/client/support-client.js';
import { issueToken } from '../../src/server/auth/tokens.js';
import { AGENT_REPLIES, OPENINGS } from '../../src/server/demo/corpus.js';
import { DEMO_MACROS } from '../../src/server/demo/macro-texts.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { openStore } from '../../src/server/store/database.js';
import { storedBodies } from '../../src/server/store/macros.js';
import { EVALUATION_SET } from '../assist/evaluation-set.js';
import { percentile, round } from './lib/stats.js';

export interface LanguageAccuracy {
  cases: number;
  /** Percentages of the cases: the labelled macro first among the macros suggested, among the first three; the category; the language. */
  top1: number;
  top3: number;
  category: number;
  language: number;
}

export interface AssistResult {
  accuracy: Record<Language, LanguageAccuracy>;
  scale: {
    macros: number;
    replies: number;
    buildSeconds: number;
    queries: number;
    serverP50Ms: number;
    serverP95Ms: number;
    /** The process's CPU time (user + system) per server-side suggestion: what a loaded, shared machine does not inflate as it does wall time. */
    serverCpuP50Ms: number;
    serverCpuP95Ms: number;
    httpP50Ms: number;
    httpP95Ms: number;
  };
}

const TARGET_MACROS = 1000;
const TARGET_REPLIES = 100_000;
const REPLIES_PER_CONVERSATION = 4;

async function tokenFor(server: RunningServer): Promise<string> {
  const agent = await server.store.db.selectFrom('agents').select('id').where('email', '=', 'agent@example.com').executeTakeFirstOrThrow();
  return (await issueToken(server.store.db, agent.id, Date.now(), 3_600_000)).token;
}

/** The evaluation set (tests/assist/evaluation-set.ts) against the demo desk, over HTTP, as an agent would ask. */
async function accuracy(dir: string): Promise<Record<Language, LanguageAccuracy>> {
  const server = await startServer({ store: { engine: 'sqlite', file: join(dir, 'accuracy.db') }, demo: true, settings: { sweepIntervalMs: 0 } });
  try {
    const client = new SupportClient({ baseUrl: server.url, token: await tokenFor(server) });
    const tally = Object.fromEntries(LANGUAGES.map((l) => [l, { cases: 0, top1: 0, top3: 0, category: 0, language: 0 }])) as Record<Language, LanguageAccuracy>;
    for (const c of EVALUATION_SET) {
      const answer = await client.assist.suggest({ text: c.text, limit: 10 });
      const macros = answer.suggestions.filter((s) => s.kind === 'macro').map((s) => s.shortcut);
      const t = tally[c.language];
      t.cases += 1;
      if (macros[0] === c.macro) t.top1 += 1;
      if (macros.slice(0, 3).includes(c.macro)) t.top3 += 1;
      if (answer.category.category === c.category) t.category += 1;
      if (answer.language === c.language) t.language += 1;
    }
    for (const t of Object.values(tally)) {
      t.top1 = round((t.top1 / t.cases) * 100);
      t.top3 = round((t.top3 / t.cases) * 100);
      t.category = round((t.category / t.cases) * 100);
      t.language = round((t.language / t.cases) * 100);
    }
    return tally;
  } finally {
    await server.close();
  }
}

/** Sentences of the desk's own texts, to write macros and replies of realistic length and vocabulary from. */
function sentencePool(): string[] {
  const texts = [
    ...DEMO_MACROS.flatMap((m) => Object.values(m.bodies)),
    ...Object.values(AGENT_REPLIES).flat(),
    ...CATEGORIES.flatMap((c) => LANGUAGES.flatMap((l) => OPENINGS[c][l].map((o) => o.body))),
  ];
  return texts.flatMap((t) => t.replace(/\{\{?[^{}]*\}?\}/g, 'x').split(/(?<=[.!?。！？])\s*/)).filter((s) => s.trim().length > 8);
}

/** A demo desk grown to 1,000 macros and 100,000 agent replies on resolved conversations, written before the server starts. */
export async function seedScale(file: string): Promise<{ macros: number; replies: number }> {
  const store = await openStore({ engine: 'sqlite', file });
  try {
    const now = Date.now();
    await seedDemo(store.db, store.engine, now);
    const pool = sentencePool();
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const pick = <T>(list: readonly T[]) => list[next() % list.length]!;
    const sentences = (n: number, tag: number) => Array.from({ length: n }, () => pick(pool)).join(' ') + ` (ref ${tag})`;

    const existing = await store.db.selectFrom('macros').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const extra = TARGET_MACROS - Number(existing.n);
    const macros = Array.from({ length: extra }, (_, i) => ({
      id: `mac_bench${String(i).padStart(7, '0')}`,
      name: `Bench ${i}: ${pick(DEMO_MACROS).name}`,
      shortcut: `bench-${i}`,
      category: pick(CATEGORIES),
      bodies: storedBodies({ en: sentences(3, i), zh: sentences(2, i), id: sentences(3, i) }),
      created_by: null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < macros.length; i += 200) await store.db.insertInto('macros').values(macros.slice(i, i + 200)).execute();

    const template = await store.db.selectFrom('conversations').selectAll().where('status', '=', 'resolved').limit(1).executeTakeFirstOrThrow();
    const customers = (await store.db.selectFrom('customers').select('id').execute()).map((c) => c.id);
    const agent = await store.db.selectFrom('agents').select(['id', 'name']).where('email', '=', 'agent@example.com').executeTakeFirstOrThrow();
    const conversations = Math.ceil(TARGET_REPLIES / REPLIES_PER_CONVERSATION);
    const BATCH = 500;
    for (let start = 0; start < conversations; start += BATCH) {
      await store.db.transaction().execute(async (trx) => {
        const rows = Array.from({ length: Math.min(BATCH, conversations - start) }, () => {
          const { id: _id, ...rest } = template;
          return { ...rest, customer_id: pick(customers), category: pick(CATEGORIES), external_id: null, subject: pick(pool).slice(0, 80) };
        });
        const inserted = await trx.insertInto('conversations').values(rows).returning('id').execute();
        const messages = inserted.flatMap(({ id }, k) => {
          const at = now - (start + k) * 1000;
          const customer = { conversation_id: id, client_message_id: null, kind: 'reply', author_type: 'customer', author_id: rows[k]!.customer_id, author_name: 'Customer', created_at: at };
          const reply = (n: number) => ({ conversation_id: id, client_message_id: null, kind: 'reply', author_type: 'agent', author_id: agent.id, author_name: agent.name, body: sentences(2, start + k), created_at: at + n });
          return [{ ...customer, body: sentences(2, start + k) }, ...Array.from({ length: REPLIES_PER_CONVERSATION }, (_, n) => reply(n + 1))];
        });
        for (let i = 0; i < messages.length; i += 400) await trx.insertInto('messages').values(messages.slice(i, i + 400)).execute();
      });
    }
    return { macros: TARGET_MACROS, replies: conversations * REPLIES_PER_CONVERSATION };
  } finally {
    await store.close();
  }
}

/**
 * The assist budget: top-1/top-3 macro accuracy and category accuracy per language on the evaluation
 * set (demo desk); then a suggestion's time with 1,000 macros and 100,000 past replies indexed,
 * server-side (fastify's inject: routing, token, validation, the work, serialisation; wall and CPU time) and over HTTP,
 * for the evaluation texts and for open conversations read by id.
 */
export async function assistBench(options: { log?: (text: string) => void; rounds?: number } = {}): Promise<AssistResult> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'support-bench-assist-'));
  try {
    log('assist: evaluation set against the demo desk…');
    const acc = await accuracy(dir);
    log(`assist: ${JSON.stringify(acc)}`);

    log('assist: seeding 1,000 macros and 100,000 replies…');
    const file = join(dir, 'scale.db');
    const seeded = await seedScale(file);
    const server = await startServer({ store: { engine: 'sqlite', file }, demo: false, settings: { sweepIntervalMs: 0 } });
    try {
      const built = performance.now();
      await server.ctx.assist.ready();
      const buildSeconds = round((performance.now() - built) / 1000, 2);
      log(`assist: index built in ${buildSeconds} s (${server.ctx.assist.ranker.macroCount} macros, ${server.ctx.assist.ranker.replyCount} replies)`);
      const token = await tokenFor(server);
      const client = new SupportClient({ baseUrl: server.url, token });
      const open = await server.store.db.selectFrom('conversations').select('id').where('status', '=', 'open').limit(100).execute();
      const requests: SuggestRequest[] = [...EVALUATION_SET.map((c) => ({ text: c.text })), ...open.map((c) => ({ conversationId: c.id }))];
      const inject = async (body: SuggestRequest) => {
        const response = await server.app.inject({ method: 'POST', url: '/v1/assist/suggest', headers: { authorization: `Bearer ${token}` }, payload: body });
        if (response.statusCode !== 200) throw new Error(`suggest answered ${response.statusCode}: ${response.body}`);
        return JSON.parse(response.body) as Suggestions;
      };
      for (const body of requests.slice(0, 30)) await inject(body);
      const serverTimes: number[] = [];
      const serverCpu: number[] = [];
      const httpTimes: number[] = [];
      for (let round_ = 0; round_ < (options.rounds ?? 3); round_++) {
        for (const body of requests) {
          const cpu = process.cpuUsage();
          let t = performance.now();
          await inject(body);
          serverTimes.push(performance.now() - t);
          const used = process.cpuUsage(cpu);
          serverCpu.push((used.user + used.system) / 1000);
          t = performance.now();
          await client.assist.suggest(body);
          httpTimes.push(performance.now() - t);
        }
      }
      return {
        accuracy: acc,
        scale: {
          macros: server.ctx.assist.ranker.macroCount,
          replies: seeded.replies,
          buildSeconds,
          queries: serverTimes.length,
          serverP50Ms: round(percentile(serverTimes, 50), 2),
          serverP95Ms: round(percentile(serverTimes, 95), 2),
          serverCpuP50Ms: round(percentile(serverCpu, 50), 2),
          serverCpuP95Ms: round(percentile(serverCpu, 95), 2),
          httpP50Ms: round(percentile(httpTimes, 50), 2),
          httpP95Ms: round(percentile(httpTimes, 95), 2),
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
