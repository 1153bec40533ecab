import { describe, expect, it } from 'vitest';
import { ENTER, workspaceSuite } from '../helpers/workspace-harness.js';

describe('incidents in the workspace', () => {
  const suite = workspaceSuite();

  it('shows a banner per active incident, links the open conversation with I, and names the incident in its header', async () => {
    const lead = await suite.server.login('lead@example.com');
    const incident = await lead.incidents.create({ title: 'QRIS switch down', description: 'internal', texts: { en: 'QRIS fails' }, expectedEndAt: '2099-01-01T12:00:00.000Z' });
    const { press, until, frame } = await suite.open({ size: { columns: 120, rows: 30 } });
    await until((f) => f.includes(`⚠ Incident ${incident.id}: QRIS switch down · ETA 2099-01-01 12:00 UTC · 0 linked open`));

    const first = (await suite.client.queue.list({ limit: 1 })).data[0]!;
    await press(ENTER);
    await until((f) => f.includes(`#${first.id}`) && f.includes('reply'));
    expect(frame()).not.toContain(`⚠ incident ${incident.id}`);
    await press('I');
    await until((f) => f.includes(`· ⚠ incident ${incident.id}: QRIS switch down`));
    await until((f) => f.includes('1 linked open'));
    expect((await lead.incidents.get(incident.id)).linkedCount).toBe(1);

    // Resolved: the banner goes (live event), the header says so.
    await lead.incidents.resolve(incident.id);
    await until((f) => !f.includes(`⚠ Incident ${incident.id}`) && f.includes('(resolved)'));
  });

  it('i filters the queue to the active incident’s conversations, named in the filter bar; i again shows the whole queue', async () => {
    const lead = await suite.server.login('lead@example.com');
    const incident = await lead.incidents.create({ title: 'GoPay top-ups stuck', description: 'internal', texts: { en: 'Top-ups are delayed' } });
    const queue = (await suite.client.queue.list({ limit: 6 })).data;
    const linked = [queue[1]!.id, queue[3]!.id];
    const others = queue.filter((c) => !linked.includes(c.id)).map((c) => c.id);
    await lead.incidents.link(incident.id, linked);
    const { press, until, frame } = await suite.open({ size: { columns: 140, rows: 30 } });
    await until((f) => f.includes(`⚠ Incident ${incident.id}: GoPay top-ups stuck`) && f.includes(`#${others[0]} `));

    await press('i');
    // The filter reloads the queue: what shows at the end is the incident's two conversations, and no other.
    await until((f) => f.includes(`Filter: incident ${incident.id} GoPay top-ups stuck`) && f.includes('(1/2)') && linked.every((id) => f.includes(`#${id} `)));
    for (const id of others) expect(frame()).not.toContain(`#${id} `);

    await press('i');
    await until((f) => !f.includes('Filter: incident') && f.includes(`#${others[0]} `));
    await lead.incidents.resolve(incident.id);
    await until((f) => !f.includes(`⚠ Incident ${incident.id}`));
    await press('i');
    await until((f) => f.includes('No active incident to filter by'));
  });

  it('shows a maintenance window starting within hours, and not one further away', async () => {
    const lead = await suite.server.login('lead@example.com');
    const now = suite.server.clock.now;
    const soon = await lead.announcements.create({ title: 'BCA maintenance', unavailable: 'BCA top-ups', texts: { en: 'BCA pauses' }, startsAt: new Date(now + 3_600_000).toISOString(), endsAt: new Date(now + 3 * 3_600_000).toISOString() });
    await lead.announcements.create({ title: 'Far away window', unavailable: 'everything', texts: { en: 'later' }, startsAt: new Date(now + 48 * 3_600_000).toISOString(), endsAt: new Date(now + 50 * 3_600_000).toISOString() });
    const { until, frame } = await suite.open({ size: { columns: 140, rows: 30 } });
    await until((f) => f.includes(`🛠 Maintenance from ${soon.startsAt.slice(0, 16).replace('T', ' ')} UTC until ${soon.endsAt.slice(0, 16).replace('T', ' ')} UTC: BCA maintenance · unavailable: BCA top-ups`));
    expect(frame()).not.toContain('Far away window');
    await lead.announcements.cancel(soon.id);
    await until((f) => !f.includes('BCA maintenance'));
  });
});
