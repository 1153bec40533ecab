import { parseWhen } from '../../api/text/time-input.js';
import { transferOptions } from './transfer-options.js';
import type { DialogDefinition } from './types.js';

/** z: snooze until a time ("2h", "30m", "tomorrow 9:00", an ISO time). */
export const snoozeDialog: DialogDefinition<'snooze'> = {
  title: () => 'Snooze the conversation',
  verb: 'snoozes',
  steps: [
    () => ({
      kind: 'text',
      key: 'until',
      title: 'Until when? (2h, 30m, 1d, or a time such as 2026-11-24T09:00)',
      initial: '2h',
      selectInitial: true,
      validate: (text) => {
        const at = parseWhen(text, Date.now());
        if (at === undefined) return 'write a duration such as 2h or 30m, or a date and time';
        return at <= Date.now() ? 'that time has passed' : undefined;
      },
    }),
  ],
  submit: async (deps, state) => {
    const until = parseWhen(state.values['until'] ?? '', Date.now());
    if (until === undefined) throw new Error('write a duration such as 2h or 30m, or a date and time');
    await deps.client.conversations.snooze(state.subject.conversationId, until);
    return `Snoozed until ${new Date(until).toLocaleString()}; it wakes earlier if the customer writes`;
  },
};

/** t: transfer to an agent (not offline; availability and load shown) or a team, with a note stored as an internal note. */
export const transferDialog: DialogDefinition<'transfer'> = {
  title: () => 'Transfer the conversation',
  verb: 'transfers',
  load: async (deps) => {
    const [agents, teams] = await Promise.all([deps.client.agents.listAll(), deps.client.teams.list()]);
    return { agents, teams };
  },
  steps: [
    (state) => ({
      kind: 'choice',
      key: 'to',
      title: 'To whom? (load: open conversations of capacity)',
      options: transferOptions(state.data.agents ?? [], state.data.teams ?? [], state.subject.agentId),
      filter: { placeholder: 'type a name, team, role or availability to filter', noun: 'choice' },
    }),
    () => ({ kind: 'text', key: 'note', title: 'Note for them (internal; optional)', optional: true }),
  ],
  submit: async (deps, state) => {
    // "team:<name>" or "agent:<id>", as transferOptions gives them.
    const to = state.values['to'] ?? '';
    const colon = to.indexOf(':');
    const kind = to.slice(0, colon);
    const target = to.slice(colon + 1);
    const note = state.values['note']?.trim();
    await deps.client.conversations.transfer(state.subject.conversationId, { ...(kind === 'team' ? { toTeam: target } : { toAgentId: target }), ...(note ? { note } : {}) });
    return `Transferred to ${kind === 'team' ? `team ${target}` : 'the agent'}`;
  },
};

/** #: the conversation's tags, comma-separated. */
export const tagsDialog: DialogDefinition<'tags'> = {
  title: () => 'Tags',
  verb: 'saves the tags',
  steps: [
    (state) => ({
      kind: 'text',
      key: 'tags',
      title: 'Tags, separated by commas (lowercase letters, digits, - and _)',
      initial: state.subject.tags,
      optional: true,
      validate: (text) => {
        const bad = text.split(',').map((t) => t.trim()).filter(Boolean).find((t) => !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(t));
        if (bad === undefined) return undefined;
        // Refused, never lower-cased behind the agent's back: the tag they see is the tag that is saved.
        if (/^[a-z0-9][a-z0-9_-]{0,31}$/.test(bad.toLowerCase())) return `"${bad}" has capitals: tags are lowercase, write ${bad.toLowerCase()}`;
        return `"${bad}" is not a tag: lowercase letters, digits, - and _, at most 32`;
      },
    }),
  ],
  submit: async (deps, state) => {
    const tags = [...new Set((state.values['tags'] ?? '').split(',').map((t) => t.trim()).filter(Boolean))];
    await deps.client.conversations.update(state.subject.conversationId, { tags });
    return tags.length ? `Tags: ${tags.join(', ')}` : 'Tags cleared';
  },
};
