import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { countRows, openFresh, rowOf } from '../helpers/workflow.js';

describe('support bulk: conversation actions and unfreeze', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let admin: SupportClient;
  let n = 0;

  const cli = (args: string[]) => runCli(args, { env });
  const file = (name: string, lines: string[]) => {
    const path = join(home, `${++n}-${name}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const outcomes = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { row: number; outcome: string; code: string | null; message: string | null })
      .sort((a, b) => a.row - b.row)
      .map((o) => [o.outcome, o.code ?? o.message]);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-bulk-conv-', server.url, { default: 'admin@example.com' }));
    admin = await server.login('admin@example.com');
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('resolve: each row once; one resolved already is skipped; an unknown id stops the run before it starts', async () => {
    const [a, b, c] = [await openFresh(server, admin), await openFresh(server, admin), await openFresh(server, admin)];
    await admin.conversations.resolve(c.id);
    const unknown = file('resolve.csv', ['conversation', `#${a.id}`, '999999']);
    const refused = await cli(['bulk', 'resolve', '--file', unknown, '--yes']);
    expect([refused.code, refused.stderr]).toEqual([1, `${unknown}: line 3, column conversation: no conversation 999999 on the server\nerror: 1 of 2 rows are bad: nothing was run\nfix them and run again, or pass --skip-invalid to run the other rows\n`]);
    expect((await rowOf(server, a.id)).status).toBe('open');

    const path = file('resolve.csv', ['conversation', `#${a.id}`, String(b.id), String(c.id)]);
    const result = await cli(['bulk', 'resolve', '--file', path, '--yes', '--json']);
    expect(result.code).toBe(0);
    expect(outcomes(result.stdout)).toEqual([
      ['ok', 'resolved'],
      ['ok', 'resolved'],
      ['skipped', 'resolved already'],
    ]);
    for (const id of [a.id, b.id, c.id]) expect((await rowOf(server, id)).status).toBe('resolved');
    const audit = await countRows(server.store.db, 'audit_log');
    const again = await cli(['bulk', 'resolve', '--file', path, '--yes', '--json']);
    expect(again.code).toBe(0);
    expect(outcomes(again.stdout).map(([o]) => o)).toEqual(['skipped', 'skipped', 'skipped']);
    // Nothing resolved twice: the server refused each, and a refused change is audited as denied.
    expect(await countRows(server.store.db, 'audit_log')).toBe(audit + 3);
    const refusals = await server.store.db.selectFrom('audit_log').select(['action', 'outcome']).orderBy('id', 'desc').limit(3).execute();
    expect(refusals).toEqual(Array.from({ length: 3 }, () => ({ action: 'conversation.resolve', outcome: 'denied' })));
  });

  it('reply and note: each message stored once, even when the file is run again', async () => {
    const [a, b] = [await openFresh(server, admin), await openFresh(server, admin)];
    const replies = file('reply.csv', ['conversation,body', `${a.id},"Your refund is on its way,\nit shows in 1-3 days."`, `${b.id},Thanks for waiting`]);
    const notes = file('note.jsonl', [JSON.stringify({ conversation: a.id, body: 'bulk note' })]);
    expect((await cli(['bulk', 'reply', '--file', replies, '--yes'])).code).toBe(0);
    expect((await cli(['bulk', 'note', '--file', notes, '--yes'])).code).toBe(0);
    const messages = await countRows(server.store.db, 'messages');
    const again = await cli(['bulk', 'reply', '--file', replies, '--yes', '--json']);
    expect(outcomes(again.stdout).map(([o]) => o)).toEqual(['skipped', 'skipped']);
    expect((await cli(['bulk', 'note', '--file', notes, '--yes'])).code).toBe(0);
    expect(await countRows(server.store.db, 'messages')).toBe(messages);
    const stored = await server.store.db.selectFrom('messages').select(['conversation_id', 'kind', 'body']).where('conversation_id', 'in', [a.id, b.id]).where('author_type', '=', 'agent').orderBy('conversation_id').orderBy('kind', 'desc').execute();
    // Rows of one run go in parallel, so the two replies are stored in either order; each exactly once.
    expect(stored.map((m) => [m.conversation_id, m.kind, m.body])).toEqual([
      [a.id, 'reply', 'Your refund is on its way,\nit shows in 1-3 days.'],
      [a.id, 'note', 'bulk note'],
      [b.id, 'reply', 'Thanks for waiting'],
    ]);
  });

  it('assign by email or id, and tag: bad agents and tags are reported before anything runs', async () => {
    const [a, b] = [await openFresh(server, admin), await openFresh(server, admin)];
    const mei = (await admin.agents.listAll()).find((x) => x.email === 'mei@example.com')!;
    const bad = file('assign.csv', ['conversation,agent,note', `${a.id},nobody@example.com,`, `${b.id},mei@example.com,`]);
    const refused = await cli(['bulk', 'assign', '--file', bad, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}: line 2, column agent: no agent has the email nobody@example.com\n`);
    expect((await rowOf(server, b.id)).assignee_id).toBeNull();

    const path = file('assign.csv', ['conversation,agent,note', `${a.id},mei@example.com,Takeover suspected`, `${b.id},${mei.id},`]);
    const result = await cli(['bulk', 'assign', '--file', path, '--yes', '--json']);
    expect([result.code, outcomes(result.stdout)]).toEqual([0, [['ok', 'assigned to Mei Lin'], ['ok', 'assigned to Mei Lin']]]);
    expect((await rowOf(server, a.id)).assignee_id).toBe(mei.id);
    const again = await cli(['bulk', 'assign', '--file', path, '--yes', '--json']);
    expect(outcomes(again.stdout)).toEqual([
      ['skipped', 'assigned there already'],
      ['skipped', 'assigned there already'],
    ]);

    const badTags = file('tag.csv', ['conversation,add,remove', `${a.id},VIP,`, `${b.id},,`]);
    const tagRefused = await cli(['bulk', 'tag', '--file', badTags, '--yes']);
    expect(tagRefused.code).toBe(1);
    expect(tagRefused.stderr).toContain(`line 2, column add: "VIP" is not a tag: lowercase letters, digits, - or _ (at most 32)\n`);
    expect(tagRefused.stderr).toContain(`line 3, column add: is empty, and so is remove: say which tags to add or remove\n`);
    const tags = file('tag.csv', ['conversation,add,remove', `${a.id},vip repeat-contact,`, `${b.id},kyc,`]);
    expect((await cli(['bulk', 'tag', '--file', tags, '--yes'])).code).toBe(0);
    expect((await admin.conversations.get(a.id)).conversation.tags.sort()).toEqual(['repeat-contact', 'vip']);
    const untag = file('tag.csv', ['conversation,add,remove', `${b.id},,kyc`]);
    expect((await cli(['bulk', 'tag', '--file', untag, '--yes'])).code).toBe(0);
    expect((await admin.conversations.get(b.id)).conversation.tags).toEqual([]);
  });

  it('unfreeze with a verification per row; an account that is not frozen fails with its code (exit 3)', async () => {
    const fx = new MoneyFixtures(server, admin);
    const [a, b] = [await fx.account('IDR'), await fx.account('IDR')];
    await admin.accounts.freeze(a.id, { reason: 'fraud_review', note: 'earlier' });
    const path = file('unfreeze.csv', ['account,method,reference,verified_by,note', `${a.id},video_call,VC-1,,ok`, `${b.id},id_document,KTP-2,,`]);
    const result = await cli(['bulk', 'unfreeze', '--file', path, '--yes', '--json']);
    expect(result.code).toBe(3);
    expect(outcomes(result.stdout)).toEqual([
      ['ok', 'frozen → active'],
      ['failed', 'invalid_account_transition'],
    ]);
    expect((await admin.accounts.get(a.id)).account.status).toBe('active');
  });
});
