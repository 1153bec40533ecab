import type { LiveEvent } from '../../api/events.js';
import { isAutomaticAnswer } from '../../api/automatic-answers.js';
import { sanitize } from '../../api/text/sanitize.js';

const clean = (text: string) => sanitize(text, { multiline: false });
const CLOCK_NAMES = { first_response: 'first response', next_response: 'next response', resolution: 'resolution' } as const;

/** One line saying what an event changed, for people: "#42 assigned to Budi Hartono (claim)". Untrusted text is sanitised. */
export function describeEvent(event: LiveEvent): string {
  switch (event.type) {
    case 'conversation.created': {
      const c = event.data.conversation;
      return `#${c.id} new ${c.priority} ${c.channel} conversation from ${clean(c.customer.name)}: ${clean(c.subject)}`;
    }
    case 'conversation.updated': {
      const c = event.data.conversation;
      const changes = Object.entries(event.data.changes).map(([field, { from, to }]) =>
        field === 'tags' ? `tags ${(to as string[]).map((t) => `#${clean(t)}`).join(' ') || '(none)'}` : `${field} ${clean(String(from ?? '—'))} → ${clean(String(to ?? '—'))}`,
      );
      const by = event.data.by ? ` by ${clean(event.data.by.name)}` : '';
      return `#${c.id} ${changes.join(', ') || 'updated'}${by}`;
    }
    case 'conversation.assigned': {
      const { conversation: c, to, team, reason } = event.data;
      const target = to ? clean(to.name) : team ? `team ${clean(team)}` : 'nobody';
      return `#${c.id} assigned to ${target} (${reason})`;
    }
    case 'message.created': {
      const m = event.data.message;
      const who = m.author.type === 'customer' ? `${clean(m.author.name)} wrote` : m.kind === 'note' ? `note by ${clean(m.author.name)}` : `${isAutomaticAnswer(m) ? 'automatic answer' : 'reply'} by ${clean(m.author.name)}`;
      return `#${m.conversationId} ${who}: ${clean(m.body).slice(0, 80)}`;
    }
    case 'presence': {
      const who = event.data.presence.map((p) => `${clean(p.agent.name)} ${p.state}`).join(', ');
      return `#${event.data.conversationId} ${who || 'nobody viewing'}`;
    }
    case 'sla.breached':
      return `#${event.data.conversation.id} ✗ SLA breached: ${CLOCK_NAMES[event.data.clock]} was due ${event.data.dueAt}`;
    case 'complaint.created':
    case 'complaint.updated':
      return `#${event.conversationId ?? '?'} complaint ${clean(event.data.complaint.number)} ${event.data.complaint.status}`;
    case 'macro.created':
    case 'macro.updated':
    case 'macro.deleted':
      return `macro ${event.data.macro ? clean(event.data.macro.shortcut) : event.data.id} ${event.type.slice('macro.'.length)}`;
    default:
      return `${(event as { type: string }).type}`;
  }
}
