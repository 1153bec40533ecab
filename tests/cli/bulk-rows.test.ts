import { describe, expect, it } from 'vitest';
import { FREEZE_REASONS } from '../../src/api/enums.js';
import { ACTIONS, type BulkAction, type BulkContext } from '../../src/cli/bulk/actions/index.js';
import { SupportClient } from '../../src/client/support-client.js';

// parse() never calls the server: the client is only there because the context carries one.
const context: BulkContext = { client: new SupportClient({ baseUrl: 'http://127.0.0.1:9' }) };

function parse(action: BulkAction, fields: Record<string, string>) {
  const problems: string[] = [];
  const payload = ACTIONS[action].parse(fields, (column, message) => problems.push(`${column}: ${message}`), context);
  return { payload, problems };
}

describe('bulk rows are checked with the contract’s request schemas', () => {
  it('takes the server’s own limits: a transfer note up to 5000 characters, a freeze note up to 2000', () => {
    expect(parse('assign', { conversation: '42', agent: 'agt_Abc12345', note: 'x'.repeat(5000) }).problems).toEqual([]);
    expect(parse('assign', { conversation: '42', agent: 'agt_Abc12345', note: 'x'.repeat(5001) }).problems).toEqual(['note: is longer than 5000 characters']);
    expect(parse('freeze', { account: 'wal_Abc12345', reason: 'fraud_review', note: 'x'.repeat(2001) }).problems).toEqual(['note: is longer than 2000 characters']);
  });

  it('names each bad value on its own column, in the words of the column', () => {
    expect(parse('freeze', { account: 'wal_Nope', reason: 'because', note: 'n' })).toEqual({
      payload: undefined,
      problems: ['account: "wal_Nope" is not an account id (wal_…)', `reason: "because" is not one of ${FREEZE_REASONS.join(', ')}`],
    });
  });

  it('refuses what the server would refuse: the same tag twice, a bad verifier id', () => {
    expect(parse('tag', { conversation: '42', add: 'vip vip' }).problems).toEqual(['add: must not have duplicate items']);
    expect(parse('unfreeze', { account: 'wal_Abc12345', method: 'video_call', reference: 'VC-1', verified_by: 'bob' }).problems).toEqual(['verified_by: "bob" is not an agent id (agt_…)']);
    expect(parse('refund', { transaction: 'txn_Abc12345', reason: 'duplicate', note: 'x'.repeat(2001) }).problems).toEqual(['note: is longer than 2000 characters']);
  });
});
