import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageLines } from '../../src/tui/view/components/message-lines.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** An automatic answer reads as one wherever the thread is shown: never as an agent's reply. */
describe('an automatic answer in the thread (CLI and workspace)', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let conversationId: number;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, settings: { autoAnswer: true, autoAnswerThreshold: 0.5 } });
    ({ home, env } = await cliHome('support-auto-answer-', server.url, { default: 'agent@example.com' }));
    await server.ctx.assist.macrosReady();
    const admin = await server.login('admin@example.com');
    const [customer] = await server.store.db.selectFrom('customers').select('id').where('language', '=', 'en').limit(1).execute();
    const opened = await admin.conversations.open({ customerId: customer!.id, channel: 'chat', category: 'other', subject: 'fees', body: 'How much is the fee when I pay in a foreign currency?' });
    expect(opened.conversation.status).toBe('pending');
    conversationId = opened.conversation.id;
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('conversation show prints it as Assist (automatic answer); --json keeps the author as the API gives it', async () => {
    const shown = await runCli(['conversation', 'show', String(conversationId)], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Assist \(automatic answer\)\n {2}Payments in a foreign currency/);
    const json = JSON.parse((await runCli(['conversation', 'show', String(conversationId), '--json'], { env })).stdout) as { messages: { author: unknown }[] };
    expect(json.messages.at(-1)!.author).toEqual({ type: 'system', id: 'assist', name: 'Assist' });
  });

  it('the workspace heads it "Assist · automatic answer"', async () => {
    const agent = await server.login('agent@example.com');
    const answer = (await agent.conversations.get(conversationId)).messages.at(-1)!;
    expect(messageLines(answer, 80, Date.now())[0]!.text).toMatch(/^Assist · automatic answer · /);
  });
});
