import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SupportClient } from '../../src/client/support-client.js';
import { addConversations } from '../helpers/many-conversations.js';
import { BIN, cliHome, runCli } from '../helpers/run-cli.js';
import { ENGINE, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

const CONVERSATIONS = 2_000;
const BATCH = 500;

/**
 * The server itself killed with SIGKILL in the middle of a broadcast batch (issue 17, point 4): the
 * built server runs as a child process on this test's database, dies inside a deliver request, and a
 * new one on the same database finishes the broadcast with `support incident broadcast --resume`.
 * Every linked conversation ends with the update exactly once, and the killed batch left nothing half
 * done (a delivery without its message, or a message without its delivery).
 */
describe(`incident broadcast with the server killed mid-batch (${ENGINE})`, () => {
  let server: TestServer;
  let child: ChildProcess | undefined;
  let home: string | undefined;

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await server.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  /** How the child server reaches this test's database. */
  function databaseArgs(): string[] {
    const options = server.storeOptions;
    if (options.engine === 'sqlite') return ['--db', options.file];
    if (!options.schema) throw new Error('needs a PostgreSQL schema');
    return ['--database-url', postgresUrl()];
  }
  function postgresUrl(): string {
    const options = server.storeOptions;
    if (options.engine !== 'postgres' || !options.schema) throw new Error('PostgreSQL only');
    return `${options.url}?options=${encodeURIComponent(`-c search_path=${options.schema}`)}`;
  }

  /** The built server as its own process; resolves with its URL once it listens. */
  async function startChild(): Promise<{ process: ChildProcess; url: string }> {
    const started = spawn(process.execPath, [BIN, 'server', ...databaseArgs(), '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(stderr)?.[1], { timeoutMs: 20_000, describe: () => stderr });
    return { process: started, url };
  }

  async function killChild(): Promise<void> {
    const dying = child!;
    const exited = new Promise((resolve) => dying.once('exit', resolve));
    dying.kill('SIGKILL');
    await exited;
    child = undefined;
  }

  it(
    `${CONVERSATIONS} linked conversations: killed inside the second batch, restarted, resumed: each has the update once`,
    async () => {
      const db = server.store.db;
      const before = Number((await db.selectFrom('conversations').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
      server.clock.now = Date.now();
      await addConversations(db, CONVERSATIONS, server.clock.now);
      const ids = (await db.selectFrom('conversations').select('id').where('id', '>', before).orderBy('id').execute()).map((r) => r.id);
      expect(ids).toHaveLength(CONVERSATIONS);
      // Breaches already due are announced now, so that the child's own sweeps have little to write.
      await server.sweeper.runOnce();

      const inProcess = await server.login('lead@example.com');
      const incident = await inProcess.incidents.create({ title: 'Server kill', description: 'd', texts: { en: 'E', zh: 'Z', id: 'I' } });
      for (let i = 0; i < ids.length; i += BATCH) await inProcess.incidents.link(incident.id, ids.slice(i, i + BATCH));

      let running = await startChild();
      child = running.process;
      const anonymous = new SupportClient({ baseUrl: running.url });
      const { token } = await anonymous.auth.login('lead@example.com', 'demo');
      const lead = new SupportClient({ baseUrl: running.url, token });
      const started = await lead.incidents.broadcast(incident.id);
      const updateId = started.update.id;
      expect(started.total).toBe(CONVERSATIONS);
      const first = await lead.incidents.deliver(incident.id, updateId, BATCH);
      expect([first.sent, first.remaining]).toEqual([BATCH, CONVERSATIONS - BATCH]);

      const delivered = async () =>
        Number((await db.selectFrom('incident_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('update_id', '=', updateId).executeTakeFirstOrThrow()).n);

      // The second batch, killed while its transaction is open.
      if (ENGINE === 'postgres') {
        // A row the batch reaches half-way is held here: the batch has sent 250 when it waits for it.
        const blocker = new pg.Client({ connectionString: postgresUrl() });
        await blocker.connect();
        try {
          await blocker.query('BEGIN');
          await blocker.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [ids[BATCH + BATCH / 2]]);
          const blockerPid = Number((await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
          const inFlight = lead.incidents.deliver(incident.id, updateId, BATCH).then(
            () => 'answered',
            () => 'failed',
          );
          const waiting = async () => Number((await blocker.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [blockerPid])).rows[0]!.n);
          await expect.poll(waiting, { timeout: 30_000, interval: 20 }).toBe(1);
          await killChild();
          expect(await inFlight).toBe('failed');
        } finally {
          await blocker.query('ROLLBACK');
          await blocker.end();
        }
      } else {
        // SQLite has one writer: while a probe cannot take the write lock, the batch's transaction is
        // open. Seen busy on several probes in a row, it is the long batch, not a sweep's short write.
        const file = server.storeOptions.engine === 'sqlite' ? server.storeOptions.file : '';
        const probe = new DatabaseSync(file);
        probe.exec('PRAGMA busy_timeout = 0');
        const writerBusy = () => {
          try {
            probe.exec('BEGIN IMMEDIATE');
            probe.exec('ROLLBACK');
            return false;
          } catch {
            return true;
          }
        };
        try {
          const inFlight = lead.incidents.deliver(incident.id, updateId, BATCH).then(
            () => 'answered',
            () => 'failed',
          );
          let busyInARow = 0;
          await waitFor(() => (busyInARow = writerBusy() ? busyInARow + 1 : 0) >= 5, { timeoutMs: 30_000, describe: () => `busy ${busyInARow} times in a row` });
          await killChild();
          expect(await inFlight).toBe('failed');
        } finally {
          probe.close();
        }
      }

      // Nothing of the killed batch stayed: only the first batch is delivered, each with its message.
      expect(await delivered()).toBe(BATCH);
      const messages = async () =>
        db
          .selectFrom('messages')
          .select(['conversation_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('client_message_id', '=', `incident-update-${updateId}`)
          .groupBy('conversation_id')
          .execute();
      expect((await messages()).length).toBe(BATCH);
      const orphans = await db.selectFrom('incident_deliveries').select('conversation_id').where('update_id', '=', updateId).where('message_id', 'is', null).execute();
      expect(orphans).toEqual([]);

      // A new server on the same database; the CLI resumes.
      running = await startChild();
      child = running.process;
      const cli = await cliHome('support-incident-kill-', running.url, { lead: 'lead@example.com' });
      home = cli.home;
      const resume = await runCli(['incident', 'broadcast', String(incident.id), '--resume', '--batch', String(BATCH), '--yes', '--json'], { env: { ...cli.env, SUPPORT_PROFILE: 'lead' }, timeoutMs: 120_000 });
      expect([resume.code, resume.stderr]).toEqual([0, '']);
      expect(JSON.parse(resume.stdout)).toEqual({ incidentId: incident.id, updateId, sent: CONVERSATIONS - BATCH, alreadySent: 0, resolvedConversations: [] });

      const perConversation = await db
        .selectFrom('incident_deliveries')
        .innerJoin('messages', 'messages.id', 'incident_deliveries.message_id')
        .select(['incident_deliveries.conversation_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('incident_deliveries.update_id', '=', updateId)
        .whereRef('messages.conversation_id', '=', 'incident_deliveries.conversation_id')
        .groupBy('incident_deliveries.conversation_id')
        .orderBy('incident_deliveries.conversation_id')
        .execute();
      expect(perConversation.map((r) => [r.conversation_id, Number(r.n)])).toEqual(ids.map((id) => [id, 1]));
      const sent = await messages();
      expect(sent.length).toBe(CONVERSATIONS);
      expect(sent.every((r) => Number(r.n) === 1)).toBe(true);
      expect((await inProcess.incidents.pendingBroadcast(incident.id)).remaining).toBe(0);
      await killChild();
    },
    240_000,
  );
});
