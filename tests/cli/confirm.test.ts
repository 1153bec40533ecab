import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmTyped } from '../../src/cli/destructive.js';
import { waitFor } from '../helpers/wait-for.js';

/** The typed confirmation a person sees on a terminal, driven through streams. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, shown: () => shown, type: (text: string) => input.write(text) };
}

describe('typed confirmation', () => {
  it('goes on only once the exact text is typed', async () => {
    const t = terminal();
    let done = false;
    const asked = confirmTyped({}, { message: 'Freeze wal_8Kq2mZ4T?', expected: 'wal_8Kq2mZ4T', context: { input: t.input, output: t.output } }).then(() => (done = true));
    await waitFor(() => t.shown().includes('Type wal_8Kq2mZ4T to confirm (Ctrl+C cancels)'));
    t.type('wal_other\r');
    await waitFor(() => t.shown().includes('that is not wal_8Kq2mZ4T; type it exactly, or press Ctrl+C to cancel'));
    expect(done).toBe(false);
    t.type('\u0015'); // Ctrl+U clears the line
    t.type('wal_8Kq2mZ4T\r');
    await asked;
    expect(done).toBe(true);
  });

  it('accepts other spellings of an amount when told how', async () => {
    const t = terminal();
    const asked = confirmTyped({}, { message: 'Refund?', expected: '5,000,000', matches: (typed) => typed.replaceAll(',', '').trim() === '5000000', context: { input: t.input, output: t.output } });
    await waitFor(() => t.shown().includes('Type 5,000,000 to confirm'));
    t.type('5000000\r');
    await expect(asked).resolves.toBeUndefined();
  });

  it('asks nothing with --yes', async () => {
    await expect(confirmTyped({ yes: true }, { message: 'x', expected: 'y' })).resolves.toBeUndefined();
  });
});
