import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/api/text/width.js';
import { periodRange } from '../../src/tui/effects/reports.js';
import { ESC, waitFor, workspaceSuite } from '../helpers/workspace-harness.js';

const plainText = (frame: string) => stripVTControlCharacters(frame);
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The reports screen in the workspace, against the real server (the demo desk), at 80 columns. */
describe('the reports screen (r)', () => {
  const suite = workspaceSuite({ email: 'lead@example.com' });
  const query = (days: 7 | 30 | 90) => ({ ...periodRange(days, zone, Date.now()), tz: zone, by: days > 30 ? ('week' as const) : ('day' as const) });

  async function openReports() {
    const workspace = await suite.open({ size: { columns: 80, rows: 40 } });
    await workspace.press('r');
    await workspace.until((f) => f.includes('SLA attained per clock'));
    return workspace;
  }

  it('draws SLA attained as labelled bars, the figures the API gives, within 80 columns', async () => {
    // A first response today, so that a clock has stopped in the period and its bar has something to say.
    const customer = (await suite.server.store.db.selectFrom('customers').select('id').executeTakeFirstOrThrow()).id;
    const admin = await suite.server.login('admin@example.com');
    const opened = await admin.conversations.open({ customerId: customer, channel: 'chat', category: 'payment_failed', subject: 'Saldo belum masuk', body: 'halo' });
    await suite.client.conversations.send(opened.conversation.id, { body: 'Kami cek sekarang.' });
    const { frame, tui } = await openReports();
    expect(tui.store.getState().screen).toEqual({ name: 'reports', back: { name: 'queue' } });
    const sla = await suite.client.reports.get('sla', query(7));
    expect(sla.clocks.find((c) => c.clock === 'first_response')!.stopped).toBeGreaterThan(0);
    expect(frame()).toContain('[1 sla]');
    const shown = plainText(frame());
    for (const clock of sla.clocks) {
      const row = shown.split('\n').find((l) => l.startsWith(clock.clock.replaceAll('_', ' ')) && l.includes('/'))!;
      expect(row).toContain(`${clock.attainment === null ? '—' : `${clock.attainment}%`} ${clock.met}/${clock.stopped}`);
    }
    expect(shown).toContain('[7d]');
    expect(shown.split('\n').every((line) => displayWidth(line) <= 80)).toBe(true);
  });

  it('switches to volume (v): the weekday × hour heatmap with its legend and peaks; p moves to 30 days', async () => {
    const { press, until, frame } = await openReports();
    await press('v');
    await until((f) => f.includes('Created by weekday × hour'));
    const volume = await suite.client.reports.get('volume', query(7));
    let shown = plainText(frame());
    expect(shown).toContain(`created ${volume.totals.created}, resolved ${volume.totals.resolved}`);
    expect(shown).toMatch(/^Mon [·░▒▓█]{48}$/m);
    expect(shown).toMatch(/^shades: · 0/m);
    expect(shown).toContain('peaks: ');
    await press('p');
    await until((f) => f.includes('[30d]') && f.includes('Created by weekday × hour') && !f.includes('Loading'));
    const month = await suite.client.reports.get('volume', query(30));
    shown = plainText(frame());
    expect(shown).toContain(`created ${month.totals.created}, resolved ${month.totals.resolved}`);
    expect(shown.split('\n').every((line) => displayWidth(line) <= 80)).toBe(true);
  });

  it('shows the agents as a table, names through the sanitizer', async () => {
    const ayu = await suite.server.store.db.selectFrom('agents').select(['id', 'name']).where('name', '=', 'Ayu Lestari').executeTakeFirstOrThrow();
    await suite.server.store.db.updateTable('agents').set({ name: 'Ayu \u001b[31mLestari' }).where('id', '=', ayu.id).execute();
    try {
      const { press, until, frame } = await openReports();
      await press('a');
      await until((f) => f.includes('handled') && f.includes('quality'));
      const agents = await suite.client.reports.get('agents', query(7));
      const raw = frame();
      expect(raw).not.toContain('\u001b[31m');
      const shown = plainText(raw);
      for (const a of agents.agents.slice(0, 20)) {
        const first = a.agent.name.includes('Lestari') ? 'Ayu' : a.agent.name;
        const row = shown.split('\n').find((l) => l.startsWith(first))!;
        // handled, then replies, right-aligned in their columns after the name
        expect(row).toMatch(new RegExp(`\\s${a.handled}\\s+${a.replies}\\s`));
      }
    } finally {
      await suite.server.store.db.updateTable('agents').set({ name: ayu.name }).where('id', '=', ayu.id).execute();
    }
  });

  it('T steps through the teams: each one’s figures, the team named, then the whole desk again', async () => {
    const teams = (await suite.client.teams.list()).map((t) => t.name).sort();
    expect(teams.length).toBeGreaterThan(1);
    const { press, until, frame } = await openReports();
    await press('v');
    await until((f) => f.includes('Created by weekday × hour') && f.includes('team [whole desk]'));
    const desk = await suite.client.reports.get('volume', query(7));
    for (const team of teams) {
      await press('T');
      await until((f) => f.includes(`team [${team}]`) && f.includes('Created by weekday × hour') && !f.includes('Loading'));
      const figures = await suite.client.reports.get('volume', { ...query(7), team });
      expect(figures.range.team).toBe(team);
      expect(plainText(frame())).toContain(`, team ${team}, by day`);
      expect(plainText(frame())).toContain(`created ${figures.totals.created}, resolved ${figures.totals.resolved}`);
    }
    await press('T');
    await until((f) => f.includes('team [whole desk]') && !f.includes('Loading'));
    expect(plainText(frame())).toContain(`created ${desk.totals.created}, resolved ${desk.totals.resolved}`);
  });

  it('opens from the board and goes back there (Esc); csat, complaints and refunds draw', async () => {
    const workspace = await suite.open({ size: { columns: 80, rows: 40 } });
    await workspace.press('D');
    await workspace.until((f) => f.includes('AGENT'));
    await workspace.press('r');
    await workspace.until((f) => f.includes('SLA attained per clock'));
    for (const [key, text] of [['c', 'Ratings'], ['C', 'Second reviews'], ['f', 'Approvals']] as const) {
      await workspace.press(key);
      await workspace.until((f) => f.includes(text));
    }
    await workspace.press(ESC);
    await waitFor(() => workspace.tui.store.getState().screen.name === 'desk');
  });

  it('is refused to agents: the queue stays, the reason is said', async () => {
    const agent = await suite.server.login('agent@example.com');
    const { press, until, tui } = await suite.open({ client: agent });
    await press('r');
    await until((f) => f.includes('Reports are for supervisors and admins'));
    expect(tui.store.getState().screen.name).toBe('queue');
  });
});
