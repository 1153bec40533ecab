import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupportClient } from '../../src/client/support-client.js';
import { FORBIDDEN_IN_OUTPUT, HOSTILE_PAYLOADS, rawUnsafeInJson } from '../helpers/hostile.js';
import { MoneyFixtures } from '../helpers/money.js';
import { cliHome, runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

describe('support account, refund and audit', () => {
  let server: TestServer;
  let home: string;
  let env: Record<string, string>;
  let agent: SupportClient;
  let lead: SupportClient;
  let fx: MoneyFixtures;

  const cli = (args: string[]) => runCli(args, { env });
  const asLead = (args: string[]) => runCli([...args, '--profile', 'lead'], { env });
  const json = <T = Record<string, unknown>>(stdout: string) => JSON.parse(stdout) as T;
  const auditCount = async () => Number((await server.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', 'not like', 'auth.%').executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    server = await startTestServer({ demo: true });
    ({ home, env } = await cliHome('support-cli-money-', server.url, { default: 'agent@example.com', lead: 'lead@example.com' }));
    [agent, lead] = await Promise.all([server.login(), server.login('lead@example.com')]);
    fx = new MoneyFixtures(server, await server.login('admin@example.com'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('freeze without a terminal needs --yes: exit 2, nothing changed', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const result = await cli(['account', 'freeze', id, '--reason', 'suspected_takeover', '--note', 'x']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `error: freeze ${id} needs confirmation: pass --yes when not running in a terminal (nothing was changed; --dry-run shows what would happen)\n`,
    ]);
    expect((await agent.accounts.get(id)).account.status).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('freeze --dry-run shows what would happen and changes nothing; --json is exact', async () => {
    const { id } = await fx.account('IDR');
    const before = await auditCount();
    const text = await cli(['account', 'freeze', id, '--reason', 'fraud_review', '--note', 'x', '--dry-run']);
    expect([text.code, text.stdout]).toEqual([0, '']);
    expect(text.stderr).toMatch(new RegExp(`^Would freeze ${id} \\(.+, [\\d,]+ IDR\\): active → frozen\\. Nothing was changed\\.\\n$`));
    const machine = await cli(['account', 'freeze', id, '--reason', 'fraud_review', '--note', 'x', '--dry-run', '--json']);
    const detail = await agent.accounts.get(id);
    expect(json(machine.stdout)).toEqual({ dryRun: true, action: 'freeze', allowed: true, from: 'active', to: 'frozen', account: detail.account, refusal: null });
    expect(detail.account.status).toBe('active');
    expect(await auditCount()).toBe(before);

    const refused = await cli(['account', 'unfreeze', id, '--method', 'video_call', '--reference', 'VC-1', '--dry-run']);
    expect([refused.code, refused.stderr]).toEqual([1, `Would be refused: you (agent) cannot unfreeze an account that is active. Nothing was changed.\nerror: unfreeze ${id} would be refused\n`]);
  });

  it('freeze --yes --json prints the API result exactly; forbidden transitions and roles exit 1 and 4', async () => {
    const { id } = await fx.account('CNY');
    const result = await cli(['account', 'freeze', id, '--reason', 'suspected_takeover', '--note', 'Unknown device', '--yes', '--json']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const detail = await agent.accounts.get(id);
    expect(json(result.stdout)).toEqual({ account: detail.account, change: detail.history[0] });

    const again = await cli(['account', 'freeze', id, '--reason', 'suspected_takeover', '--note', 'again', '--yes']);
    expect([again.code, again.stderr]).toEqual([1, `error: account ${id} is frozen already\n`]);
    const byAgent = await cli(['account', 'unfreeze', id, '--method', 'video_call', '--reference', 'VC-7', '--yes']);
    expect(byAgent.code).toBe(4);
    const noMethod = await asLead(['account', 'unfreeze', id, '--reference', 'VC-7', '--yes']);
    expect([noMethod.code, noMethod.stderr]).toEqual([2, "error: required option '--method <method>' not specified\n"]);
    const badMethod = await asLead(['account', 'unfreeze', id, '--method', 'selfie', '--reference', 'VC-7', '--yes']);
    expect(badMethod.code).toBe(2);
    expect(badMethod.stderr).toContain('must be one of: id_document, video_call, security_questions, in_app_biometric');
    expect((await agent.accounts.get(id)).account.status).toBe('frozen');

    const done = await asLead(['account', 'unfreeze', id, '--method', 'video_call', '--reference', 'VC-7', '--yes']);
    expect([done.code, done.stderr]).toEqual([0, `✓ Unfrozen ${id}: frozen → active\n`]);
    const show = await cli(['account', 'show', id]);
    expect(show.stdout).toContain(`${id}  `);
    expect(show.stdout).toMatch(/unfreeze\tfrozen → active\tWei Chen \(supervisor\)\tverified by Wei Chen: video_call VC-7/);
    expect(json((await cli(['account', 'show', id, '--json'])).stdout)).toEqual(await agent.accounts.get(id));
  });

  it('--idempotency-key makes a re-run print the first result and do nothing again', async () => {
    const payment = await fx.payment('IDR', 100_000);
    const args = ['refund', 'create', payment.id, '--amount', '25,000', '--reason', 'duplicate', '--yes', '--json', '--idempotency-key', 'cli-run-2026-11-23-row-4'];
    const first = await cli(args);
    const second = await cli(args);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(json(first.stdout)).toMatchObject({ amount: { amount: 25_000, currency: 'IDR' }, status: 'succeeded' });
    expect(await fx.refundRows(payment.id)).toHaveLength(1);
    const human = await cli(args.filter((a) => a !== '--json'));
    expect(human.stderr).toMatch(/\(done before with this key; nothing was done again\)\n$/);
    const bad = await cli(['refund', 'create', payment.id, '--reason', 'duplicate', '--yes', '--idempotency-key', 'two words']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be 1 to 255 visible ASCII characters');
  });

  it('amounts are typed in the currency’s precision; a wrong one is a usage error and nothing changes', async () => {
    const cny = await fx.payment('CNY', 10_000);
    const idr = await fx.payment('IDR', 10_000);
    const cases: [string, string, string][] = [
      [cny.id, '12.505', 'error: --amount: amount "12.505" has 3 decimals, but CNY has at most 2 decimals\n'],
      [idr.id, '100.5', 'error: --amount: amount "100.5" has 1 decimal, but IDR has no decimals\n'],
      [cny.id, '12,50', 'error: --amount: amount "12,50" is not a number: write digits with an optional decimal point, such as 12.50\n'],
      [cny.id, '-5', 'error: --amount: amount "-5" is negative: amounts must be zero or more\n'],
      [cny.id, '0.00', 'error: --amount: a refund must be more than zero\n'],
    ];
    for (const [txn, amount, message] of cases) {
      const result = await cli(['refund', 'create', txn, '--amount', amount, '--reason', 'duplicate', '--yes']);
      expect([result.code, result.stderr]).toEqual([2, message]);
    }
    expect(await fx.refundRows(cny.id)).toEqual([]);
    expect(await fx.refundRows(idr.id)).toEqual([]);
    const ok = await cli(['refund', 'create', cny.id, '--amount', '12.5', '--reason', 'duplicate', '--yes']);
    expect([ok.code, ok.stderr]).toEqual([0, `✓ refund ${(await fx.refundRows(cny.id))[0]!.id} of 12.50 CNY for ${cny.id}: succeeded\n`]);
  });

  it('refund create --dry-run says whether it would wait for approval, and changes nothing', async () => {
    const payment = await fx.payment('CNY', 80_000);
    const within = await cli(['refund', 'create', payment.id, '--amount', '500.00', '--reason', 'service_issue', '--dry-run']);
    expect([within.code, within.stdout]).toEqual([0, '']);
    expect(within.stderr).toMatch(/^Would refund 500\.00 CNY of txn_\w+ \(800\.00 CNY, 800\.00 CNY left to refund\) into wal_\w+ \(active\); it would succeed at once \(your limit: 500\.00 CNY per refund, [\d,.]+ CNY left in 24 hours\)\. Nothing was changed\.\n$/);
    const above = await cli(['refund', 'create', payment.id, '--reason', 'service_issue', '--dry-run', '--json']);
    const preview = await agent.refunds.preview({ transactionId: payment.id });
    expect(json(above.stdout)).toEqual({ dryRun: true, outcome: 'pending_approval', preview });
    expect(preview).toMatchObject({ amount: { amount: 80_000 }, approvalRequired: true, approvalReason: 'per_refund_limit' });
    expect(await fx.refundRows(payment.id)).toEqual([]);
    expect(await fx.refunded(payment.id)).toBe(0);
  });

  it('refund approve and reject: confirmation, dry-run, four eyes (exit 4), exact JSON', async () => {
    const payment = await fx.payment('CNY', 150_000);
    const waiting = (await agent.refunds.create({ transactionId: payment.id, amount: 60_000, reason: 'failed_delivery' })).result;
    const leads = (await lead.refunds.create({ transactionId: payment.id, amount: 90_000, reason: 'failed_delivery' })).result;
    expect(leads.status).toBe('succeeded');
    const other = (await fx.payment('CNY', 600_000));
    const leadsWaiting = (await lead.refunds.create({ transactionId: other.id, reason: 'duplicate' })).result;
    expect(leadsWaiting.status).toBe('pending_approval');

    const noYes = await asLead(['refund', 'approve', waiting.id]);
    expect(noYes.code).toBe(2);
    const dry = await asLead(['refund', 'approve', waiting.id, '--dry-run']);
    expect([dry.code, dry.stderr]).toEqual([0, `Would approve ${waiting.id}: 600.00 CNY back into ${payment.accountId}. Nothing was changed.\n`]);
    const ownDry = await asLead(['refund', 'approve', leadsWaiting.id, '--dry-run', '--json']);
    expect(ownDry.code).toBe(1);
    expect(json(ownDry.stdout)).toMatchObject({ dryRun: true, allowed: false, refusal: { code: 'four_eyes_required' } });
    const own = await asLead(['refund', 'approve', leadsWaiting.id, '--yes']);
    expect([own.code, own.stderr]).toEqual([4, `error: you asked for refund ${leadsWaiting.id}; another supervisor or admin must approve it (four eyes)\n`]);
    const byAgent = await cli(['refund', 'approve', waiting.id, '--yes']);
    expect(byAgent.code).toBe(4);
    expect((await lead.refunds.get(waiting.id)).refund.status).toBe('pending_approval');

    const approved = await asLead(['refund', 'approve', waiting.id, '--yes', '--json', '--note', 'Courier confirmed loss']);
    expect(approved.code).toBe(0);
    expect(json(approved.stdout)).toEqual((await lead.refunds.get(waiting.id)).refund);

    const rejectNoReason = await asLead(['refund', 'reject', leadsWaiting.id, '--yes']);
    expect([rejectNoReason.code, rejectNoReason.stderr]).toEqual([2, "error: required option '--reason <text>' not specified\n"]);
    const rejected = await asLead(['refund', 'reject', leadsWaiting.id, '--reason', 'Asked by mistake', '--yes']);
    expect([rejected.code, rejected.stderr]).toEqual([0, `✓ Rejected ${leadsWaiting.id}\n`]);
    const rejectAgain = await asLead(['refund', 'reject', leadsWaiting.id, '--reason', 'x', '--dry-run']);
    expect(rejectAgain.code).toBe(1);
  });

  it('refund list and show: exact JSON, tab-separated rows without a terminal, customer text escaped', async () => {
    const payment = await fx.payment('CNY', 20_000);
    const refund = (await agent.refunds.create({ transactionId: payment.id, amount: 1_000, reason: 'service_issue', note: `Customer said ${HOSTILE_PAYLOADS.osc52Clipboard} ${HOSTILE_PAYLOADS.bidiOverride}` })).result;
    const list = await cli(['refund', 'list', '--mine', '--json', '--limit', '500']);
    expect(json(list.stdout)).toEqual({ data: await agent.refunds.listAll({ requestedBy: 'me' }, 500), nextCursor: null });
    const rows = await cli(['refund', 'list', '--transaction', payment.id]);
    const lines = rows.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split('\t').slice(0, 4)).toEqual([refund.id, 'succeeded', '10.00 CNY', payment.id]);
    const show = await cli(['refund', 'show', refund.id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`Refund      ${refund.id}  10.00 CNY  succeeded`);
    for (const output of [rows.stdout, show.stdout]) {
      for (const forbidden of FORBIDDEN_IN_OUTPUT) expect(output.includes(forbidden), JSON.stringify(forbidden)).toBe(false);
    }
    expect(show.stdout).toContain('\\x1b]52;c;');
    const shownJson = (await cli(['refund', 'show', refund.id, '--json'])).stdout;
    expect(json(shownJson)).toEqual(await agent.refunds.get(refund.id));
    expect(rawUnsafeInJson(shownJson)).toEqual([]);
    const pending = await asLead(['refund', 'list', '--approvable', '--json']);
    expect(json<{ data: { status: string }[] }>(pending.stdout).data.every((r) => r.status === 'pending_approval')).toBe(true);
    const bad = await cli(['refund', 'list', '--status', 'done']);
    expect(bad.code).toBe(2);
  });

  it('audit: supervisors read it with filters (exact JSON); agents get exit 4; bad times are usage errors', async () => {
    const { id } = await fx.account('IDR');
    await agent.accounts.freeze(id, { reason: 'compliance', note: 'KYC documents expired' });
    const entries = await asLead(['audit', '--target', `account:${id}`, '--json']);
    expect(entries.code).toBe(0);
    expect(json(entries.stdout)).toEqual(await lead.audit.list({ targetType: 'account', targetId: id, limit: 50 }));
    const table = await asLead(['audit', '--target', `account:${id}`]);
    expect(table.stdout.trimEnd().split('\n').map((l) => l.split('\t').slice(1, 5))).toEqual([['Ayu Lestari (agent)', 'account.freeze', `account:${id}`, 'succeeded']]);
    const recent = await asLead(['audit', '--action', 'account.*', '--since', '1h', '--actor', 'me', '--json']);
    const leadId = (await lead.me.get()).agent.id;
    const mine = json<{ data: { action: string; actor: { id: string } }[] }>(recent.stdout).data;
    expect(mine.map((e) => e.action)).toContain('account.unfreeze');
    expect(mine.every((e) => e.actor.id === leadId && e.action.startsWith('account.'))).toBe(true);
    const byAgent = await cli(['audit']);
    expect([byAgent.code, byAgent.stderr]).toEqual([4, 'error: your role (agent) cannot do this; it needs one of the roles supervisor, admin\n']);
    const badTime = await asLead(['audit', '--since', 'yesterday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('must be a time such as 2026-11-23T08:00:00Z or 2026-11-23, or how long ago: 30m, 24h, 7d.');
    const badTarget = await asLead(['audit', '--target', 'wal_123']);
    expect(badTarget.code).toBe(2);
  });
});
