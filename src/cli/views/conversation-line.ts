import { slaState, slaSymbol } from '../../api/sla-state.js';
import { sanitize } from '../../api/text/sanitize.js';
import { slaCountdown, slaPausedText } from '../../api/text/durations.js';
import type { ConversationSummary } from '../../api/types.js';

const clean = (text: string) => sanitize(text, { multiline: false });

/** "#42 urgent chat · 朱梓萱: 退款什么时候到账？ · ◷ 4m": one conversation on one line, untrusted text sanitised. */
export function conversationLine(c: ConversationSummary, now = Date.now()): string {
  const state = slaState(c.sla, now);
  const clock = state === 'none' ? 'no SLA clock' : `${slaSymbol(state)} ${state === 'breached' ? 'breached ' : ''}${slaPausedText(c, now) ?? slaCountdown(c, now)}`;
  return `#${c.id} ${c.status} ${c.priority} ${c.channel} · ${clean(c.customer.name)}: ${clean(c.subject)} · ${clock}`;
}
