import { describe, expect, it } from 'vitest';
import { nextPageCommand } from '../../src/cli/output/more-hint.js';

describe('the more: hint', () => {
  it('repeats the command word for word with the next cursor in place of the old one', () => {
    expect(nextPageCommand('c2', ['queue', '--status', 'open,pending', '-L', '5', '--priority', 'high'])).toBe('support queue --status open,pending -L 5 --priority high --cursor c2');
    expect(nextPageCommand('c3', ['audit', '--cursor', 'c2', '--outcome', 'denied', '--limit=20'])).toBe('support audit --outcome denied --limit=20 --cursor c3');
    expect(nextPageCommand('c3', ['--profile', 'lead', 'refund', 'list', '--cursor=c2', '--approvable'])).toBe('support --profile lead refund list --approvable --cursor c3');
  });

  it('quotes what a shell would change', () => {
    expect(nextPageCommand('c2', ['audit', '--action', 'refund.*', '-q', "Siti's refund"])).toBe(`support audit --action 'refund.*' -q 'Siti'\\''s refund' --cursor c2`);
  });
});
