import { describe, expect, it } from 'vitest';
import { slaPausedText } from '../../src/api/text/durations.js';
import { pausedConversation } from '../helpers/closed-desk.js';
import { ENTER, workspaceSuite } from '../helpers/workspace-harness.js';

describe('a paused business-time clock in the workspace queue', () => {
  const suite = workspaceSuite();

  it('says "paused until" in words in the row, with the header over the widened column', async () => {
    const admin = await suite.server.login('admin@example.com');
    const { conversation } = await pausedConversation(suite.server, admin, 'paused clock in the queue');
    const w = await suite.open({ size: { columns: 100, rows: 30 } });
    await w.press('/');
    await w.press('paused clock in the queue');
    await w.press(ENTER);
    const frame = await w.until((f) => f.includes(`#${conversation.id}`) && f.includes('(1/1'));
    const row = frame.split('\n').find((l) => l.includes(`#${conversation.id}`))!;
    const words = slaPausedText(conversation, Date.now(), 18)!;
    expect(words).toMatch(/^paused until /);
    expect(row).toContain(`◷ ${words}`);
    expect(frame).not.toContain('‖');
    // The header's ID ends where the row's id does.
    const header = frame.split('\n').find((l) => /^\s+DUE\s/.test(l))!;
    expect(header.indexOf('ID') + 2).toBe(row.indexOf(`#${conversation.id}`) + `#${conversation.id}`.length);
  });
});
