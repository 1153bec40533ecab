import type { Availability } from '../../api/enums.js';
import type { AgentProfile, Team } from '../../api/types.js';
import { sanitize } from '../../api/text/sanitize.js';
import { displayWidth, fitToWidth } from '../../api/text/width.js';
import type { ChoiceOption } from './types.js';

// Symbols as well as words, so availability reads the same without colour.
const AVAILABILITY_MARK: Record<Availability, string> = { online: '● online', away: '◐ away', offline: '○ offline' };

/** "3/8 open" or "full 8/8": how many open conversations an agent holds of what they may. */
function load(open: number, capacity: number): string {
  return `${open >= capacity ? 'full ' : ''}${open}/${capacity} open`;
}

/**
 * Who a conversation can go to: teams (how many members are available, their load together), then
 * the agents who are not offline (the server refuses those), online before away and the least loaded
 * first, each with availability and load in aligned columns. Typing finds one by name, email, role,
 * team or availability.
 */
export function transferOptions(agents: readonly AgentProfile[], teams: readonly Team[], me: unknown): ChoiceOption[] {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const teamOptions = teams.map((t) => {
    const members = t.members.map((m) => byId.get(m.id)).filter((a): a is AgentProfile => a !== undefined);
    const available = t.members.filter((m) => m.availability !== 'offline').length;
    const open = members.reduce((sum, a) => sum + a.openConversations, 0);
    const capacity = members.reduce((sum, a) => sum + a.capacity, 0);
    return {
      value: `team:${t.name}`,
      label: `team ${t.name}`,
      detail: `${available} of ${t.members.length} available · ${load(open, capacity)}`,
    };
  });
  const ratio = (a: AgentProfile) => (a.capacity ? a.openConversations / a.capacity : Number.POSITIVE_INFINITY);
  const candidates = agents
    .filter((a) => a.id !== me && a.availability !== 'offline')
    .sort((a, b) => Number(a.availability === 'away') - Number(b.availability === 'away') || ratio(a) - ratio(b) || a.name.localeCompare(b.name));
  // Names are escaped before they are measured, so that the columns after them line up.
  const names = new Map(candidates.map((a) => [a.id, sanitize(a.name, { multiline: false })]));
  const nameWidth = Math.min(28, Math.max(0, ...[...names.values()].map(displayWidth)));
  const loadWidth = Math.max(0, ...candidates.map((a) => load(a.openConversations, a.capacity).length));
  const agentOptions = candidates.map((a) => ({
    value: `agent:${a.id}`,
    label: `${fitToWidth(names.get(a.id)!, nameWidth)}  ${fitToWidth(AVAILABILITY_MARK[a.availability], 9)}  ${fitToWidth(load(a.openConversations, a.capacity), loadWidth, 'right')}  ${a.role}`,
    detail: a.email,
    keywords: `${a.teams.join(' ')} ${a.id}`,
  }));
  return [...teamOptions, ...agentOptions];
}
