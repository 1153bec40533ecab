import { Box, renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { slaPausedText } from '../../src/api/text/durations.js';
import { displayWidth } from '../../src/api/text/width.js';
import type { ConversationSummary } from '../../src/api/types.js';
import { QueueRow, queueColumns } from '../../src/tui/view/components/queue-row.js';
import { KEEP_ORDER, queueHeader } from '../../src/tui/view/queue-columns.js';

const now = Date.UTC(2026, 10, 23, 8, 0, 0);

function row(id: number, customer: string, subject: string, assignee: string | null): ConversationSummary {
  return {
    id,
    subject,
    status: 'open',
    priority: 'high',
    channel: 'chat',
    category: 'refund',
    tags: [],
    customer: { id: 'cus_abcdefgh', name: customer },
    assignee: assignee ? { id: 'agt_abcdefgh', name: assignee } : null,
    team: null,
    sla: {
      firstResponseDueAt: new Date(now + 12 * 60_000).toISOString(),
      nextResponseDueAt: null,
      resolutionDueAt: null,
      dueAt: new Date(now + 12 * 60_000).toISOString(),
      breached: false,
      clock: 'first_response',
      clockStartedAt: new Date(now - 18 * 60_000).toISOString(),
    },
    snoozedUntil: null,
    messageCount: 1,
    lastMessagePreview: '',
    lastMessageAt: new Date(now).toISOString(),
    createdAt: new Date(now).toISOString(),
    updatedAt: new Date(now).toISOString(),
  };
}

const FIXTURES = [
  row(1, '王秀英', '退款什么时候到账？我已经等了四天了，请尽快处理', '陈伟'),
  row(22, 'Budi 🙏 Santoso', 'Transfer belum masuk 😤 sudah 2 hari', null),
  row(333, 'Émile Zoé', 'Café payment failed — e\u0301 combining', 'Ayu Lestari'),
  row(4444, '👨‍👩‍👧 Family Account Holder With A Very Long Name', '混合 mixed テキスト 🇮🇩🇨🇳 text that is far too long for the column', 'A'),
  row(55555, 'x', 'y', null),
];

describe('queue rows with wide characters', () => {
  for (const width of [80, 100, 140]) {
    it(`align every column by display width at ${width} columns`, () => {
      const columns = queueColumns(width);
      const out = renderToString(
        <Box flexDirection="column" width={width}>
          {FIXTURES.map((c, i) => (
            <QueueRow key={c.id} c={c} selected={i === 0} now={now} columns={columns} />
          ))}
        </Box>,
        { columns: width },
      );
      const lines = out.split('\n');
      expect(lines).toHaveLength(FIXTURES.length);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      // The subject starts at the same screen column on every row, whatever the customer's script.
      const subjectColumn = (line: string, subject: string) => displayWidth(line.slice(0, line.indexOf(subject.slice(0, 1), line.indexOf('#') + 8)));
      const starts = lines.map((line, i) => subjectColumn(line, FIXTURES[i]!.subject));
      expect(new Set(starts).size).toBe(1);
      // Cut text ends with an ellipsis and never splits a character.
      expect(lines[3]).toContain('…');
      expect(lines.join('')).not.toContain('\uFFFD');
    });
  }
});

describe('queue columns by width', () => {
  it('drop in the decided order as the terminal narrows: channel, priority, status, assignee, customer', () => {
    for (const showStatus of [true, false]) {
      const order = KEEP_ORDER.filter((k) => showStatus || k !== 'status');
      for (let width = 40; width <= 220; width++) {
        const columns = queueColumns(width, showStatus);
        const kept = order.filter((k) => columns[k] > 0);
        expect(kept, `${width} columns`).toEqual(order.slice(0, kept.length));
        expect(columns.subject).toBeGreaterThanOrEqual(20);
        expect(queueColumns(width, showStatus)).toBe(columns);
      }
    }
    expect(queueColumns(80, true).channel).toBe(0);
    expect(queueColumns(80, true).assignee).toBeGreaterThan(0);
    expect(queueColumns(100, true).channel).toBeGreaterThan(0);
    expect(queueColumns(100, false).status).toBe(0);
  });

  it('name every shown column in the header, above its values', () => {
    for (const width of [80, 100, 110, 200]) {
      const columns = queueColumns(width, true);
      const header = queueHeader(columns, '1/5');
      const out = renderToString(<QueueRow c={FIXTURES[2]!} selected={false} now={now} columns={columns} />, { columns: width });
      expect(displayWidth(header)).toBeLessThanOrEqual(width);
      for (const [name, value] of [['ASSIGNEE', 'Ayu Lestari'.slice(0, 8)], ['STATUS', 'open'], ['PRI', 'high'], ['CUSTOMER', 'Émile']] as const) {
        expect(displayWidth(header.slice(0, header.indexOf(name))), `${name} at ${width}`).toBe(displayWidth(out.slice(0, out.indexOf(value))));
      }
      if (columns.channel) expect(displayWidth(header.slice(0, header.indexOf('CHAN')))).toBe(displayWidth(out.slice(0, out.indexOf('chat'))));
      else expect(header).not.toContain('CHAN');
    }
  });
});

describe('a business-time clock in the queue', () => {
  const pausedFor = (ms: number, id = 7): ConversationSummary => {
    const base = row(id, 'Ayu', 'refund', null);
    return {
      ...base,
      sla: { ...base.sla, dueAt: new Date(now + ms + 60 * 60_000).toISOString(), warningAt: new Date(now + ms + 40 * 60_000).toISOString(), pauses: [{ from: new Date(now - 60_000).toISOString(), until: new Date(now + ms).toISOString() }] },
    };
  };
  const hmOf = (t: number) => `${String(new Date(t).getHours()).padStart(2, '0')}:${String(new Date(t).getMinutes()).padStart(2, '0')}`;

  it('says "paused until" in words while the desk is closed and counts down again once it opens, from the instants it was sent', () => {
    const c = pausedFor(60 * 60_000);
    const columns = queueColumns(140, false, undefined, true);
    const render = (at: number) => renderToString(<QueueRow c={c} selected={false} now={at} columns={columns} />, { columns: 140 });
    const hm = hmOf(now + 60 * 60_000);
    // The row, the CLI's table and the conversation header say it with the same words (slaPausedText).
    expect(render(now)).toContain(`◷ paused until ${hm}`);
    expect(render(now)).not.toContain('‖');
    expect(slaPausedText(c, now)).toBe(`paused until ${hm}`);
    expect(render(now + 61 * 60_000)).toContain('◷ 59m');
    expect(slaPausedText(c, now + 61 * 60_000)).toBeNull();
  });

  it('widens the due column for a paused row, keeps the words on a narrow terminal and lines the header up', () => {
    // Paused until the day after tomorrow: "paused until Wed 09:00" is 22 columns, the cell has 18 after the symbol.
    const c = pausedFor(49 * 60 * 60_000);
    const resumes = new Date(now + 49 * 60 * 60_000);
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][resumes.getDay()]!;
    for (const width of [80, 100]) {
      const columns = queueColumns(width, false, undefined, true);
      const out = renderToString(<QueueRow c={c} selected={false} now={now} columns={columns} />, { columns: width });
      expect(out, `${width}`).toContain(`◷ paused until ${day} `);
      expect(displayWidth(out)).toBeLessThanOrEqual(width);
      const header = queueHeader(columns, '1/1');
      // ID and #7 are right-aligned in their column: they end at the same place.
      expect(displayWidth(header.slice(0, header.indexOf('ID') + 2))).toBe(displayWidth(out.slice(0, out.indexOf('#7') + 2)));
    }
    expect(slaPausedText(c, now)).toBe(`paused until ${day} ${hmOf(resumes.getTime())}`);
    expect(slaPausedText(c, now, 18)).toBe(`paused until ${day}`);
    // A row that is not paused keeps the narrow column and the subject its room.
    expect(queueColumns(80).due).toBe(8);
    expect(queueColumns(80, false, undefined, true).due).toBe(20);
  });
});
