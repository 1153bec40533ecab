import type { Agent, ConversationSummary, WalletAccount } from '../../src/api/types.js';
import { COMMANDS } from '../../src/tui/input/keymap.js';
import { initialState, type TuiState } from '../../src/tui/state/types.js';

/** The workspace's state with nothing loaded, for the pure TUI logic (no server, no render). */
export const AGENT: Agent = { id: 'agt_me000000', email: 'me@example.test', name: 'Me', role: 'agent', availability: 'online' };

export function tuiState(change: Partial<TuiState> = {}): TuiState {
  return { ...initialState(AGENT, 'test', [...COMMANDS], []), ...change };
}

const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);

/** A queue row due `dueInMin` minutes after T0 (null: no SLA clock). */
export function summary(id: number, change: Partial<ConversationSummary> = {}, dueInMin: number | null = 60): ConversationSummary {
  const dueAt = dueInMin === null ? null : new Date(T0 + dueInMin * 60_000).toISOString();
  return {
    id,
    subject: `Subject ${id}`,
    status: 'open',
    priority: 'normal',
    channel: 'chat',
    category: 'refund',
    tags: [],
    customer: { id: `cus_${String(id).padStart(8, '0')}`, name: `Customer ${id}` },
    assignee: null,
    team: null,
    sla: { firstResponseDueAt: dueAt, nextResponseDueAt: null, resolutionDueAt: null, dueAt, breached: false, clock: dueAt ? 'first_response' : null, clockStartedAt: dueAt ? new Date(T0).toISOString() : null },
    snoozedUntil: null,
    messageCount: 1,
    lastMessagePreview: '',
    lastMessageAt: new Date(T0).toISOString(),
    createdAt: new Date(T0 - id * 1000).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    ...change,
  };
}

export const minutesAfterT0 = (minutes: number) => T0 + minutes * 60_000;

export function wallet(id: string, status: WalletAccount['status'] = 'active'): WalletAccount {
  return { id, customerId: 'cus_00000001', currency: 'USD', balance: { amount: 1000, currency: 'USD' }, status, createdAt: new Date(T0).toISOString() };
}
