import { randomUUID } from 'node:crypto';
import type { MessageKind } from '../../api/enums.js';
import { emptyEditor } from '../state/editor.js';
import { withMessage } from '../state/changes.js';
import { draftOf } from '../state/selectors.js';
import type { OutboxEntry, TuiState } from '../state/types.js';
import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { isUnreachable, messageOf } from './errors.js';

/**
 * Sending replies: at once when the API answers, else into the outbox (on disk), which goes out in
 * order, once, when it answers again.
 */
export function createOutboxEffects(ctx: EffectContext, connection: Connection, onOutboxChange: (entries: OutboxEntry[]) => void) {
  const { store, client, flash } = ctx;
  const { reached } = connection;
  let flushing = false;

  function setOutbox(change: (entries: OutboxEntry[]) => OutboxEntry[]) {
    store.update((s) => ({ outbox: change(s.outbox) }));
    onOutboxChange(store.getState().outbox);
  }

  /** The outbox entry being sent right now: too late to take back. */
  let delivering: string | undefined;

  async function deliver(entry: OutboxEntry) {
    const id = entry.conversationId;
    delivering = entry.clientMessageId;
    const known = (s: TuiState) => s.conversations[id]?.data?.conversation ?? s.queue.data?.find((c) => c.id === id);
    const wasUnassigned = known(store.getState())?.assignee === null;
    const sent = await client.conversations.send(id, { body: entry.body, kind: entry.kind, clientMessageId: entry.clientMessageId }).finally(() => {
      delivering = undefined;
    });
    store.update((s) => withMessage(s, id, sent.message, sent.conversation));
    // The server gives an unassigned conversation to whoever replies (unless the desk turned that off): said, not silent.
    if (wasUnassigned && !sent.replayed && sent.conversation.assignee?.id === store.getState().agent.id) flash(`#${id} is assigned to you now: you replied to it`);
    return sent;
  }

  /**
   * Sends the draft. Refused by the server: the text stays in the composer with the reason. No answer:
   * the message waits in the outbox (on disk) and goes out, once, when the API is back. Once sent,
   * the next key may be E (resolve and claim the next) without Esc first: see `justSent`.
   */
  async function sendDraft(id: number): Promise<'sent' | 'queued' | 'refused' | 'nothing'> {
    const state = store.getState();
    const draft = draftOf(state, id);
    const body = draft.text.replace(/\s+$/, '');
    if (!body.trim() || state.sending[id]) return 'nothing';
    const kind: MessageKind = state.composeKind[id] ?? 'reply';
    const entry: OutboxEntry = { conversationId: id, body, kind, clientMessageId: randomUUID(), queuedAt: Date.now() };
    if (state.connection !== 'online' || state.outbox.some((e) => !e.error)) {
      // Keep the order: behind what is already waiting.
      queueEntry(entry);
      return 'queued';
    }
    store.update((s) => ({ sending: { ...s.sending, [id]: true }, sendError: { ...s.sendError, [id]: undefined } }));
    try {
      await deliver(entry);
      store.update((s) => ({ drafts: { ...s.drafts, [id]: emptyEditor }, sending: { ...s.sending, [id]: false }, scroll: { ...s.scroll, [id]: 0 }, justSent: id }));
      reached(true);
      return 'sent';
    } catch (error) {
      store.update((s) => ({ sending: { ...s.sending, [id]: false } }));
      if (isUnreachable(error)) {
        queueEntry(entry);
        reached(false, error);
        return 'queued';
      }
      store.update((s) => ({ sendError: { ...s.sendError, [id]: messageOf(error) } }));
      return 'refused';
    }
  }

  function queueEntry(entry: OutboxEntry) {
    setOutbox((entries) => [...entries, entry]);
    store.update((s) => ({ drafts: { ...s.drafts, [entry.conversationId]: emptyEditor }, scroll: { ...s.scroll, [entry.conversationId]: 0 } }));
    flash('Not connected: the message waits in the outbox and goes out when the API is back');
    if (store.getState().connection === 'online') void flushOutbox();
  }

  /**
   * Takes the conversation's last message waiting in the outbox back out of it: into the reply box to
   * edit (its kind kept), or cancelled. Not the one on its way to the server now: that one is sent.
   */
  function takeBackWaiting(id: number, into: 'draft' | 'cancel'): void {
    const entry = store.getState().outbox.filter((e) => e.conversationId === id).at(-1);
    if (!entry) {
      flash(`Nothing of #${id} waits in the outbox`, 'error');
      return;
    }
    if (entry.clientMessageId === delivering) {
      flash('That message is being sent right now; it can no longer be taken back', 'error');
      return;
    }
    setOutbox((entries) => entries.filter((e) => e.clientMessageId !== entry.clientMessageId));
    if (into === 'cancel') {
      flash(`Cancelled: the waiting message to #${id} will not be sent`);
      return;
    }
    store.update((s) => {
      const draft = draftOf(s, id);
      const text = draft.text ? `${entry.body}\n${draft.text}` : entry.body;
      // Joined to a note draft, a reply becomes a note: the safer way, never the reverse.
      const kind: MessageKind = entry.kind === 'note' || (draft.text && s.composeKind[id] === 'note') ? 'note' : entry.kind;
      return { drafts: { ...s.drafts, [id]: { text, cursor: text.length } }, composeKind: { ...s.composeKind, [id]: kind }, composing: true };
    });
    flash(`Back in the reply box: the waiting message to #${id}, unsent until you send it again`);
  }

  /** Sends waiting messages in order; stops at the first that gets no answer. */
  async function flushOutbox(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const next = store.getState().outbox.find((e) => !e.error);
        if (!next || ctx.disposed()) return;
        try {
          await deliver(next);
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          reached(true);
        } catch (error) {
          if (isUnreachable(error)) {
            reached(false, error);
            return;
          }
          // Refused for good: the text goes back to its composer, with the reason, rather than being lost.
          setOutbox((entries) => entries.filter((e) => e.clientMessageId !== next.clientMessageId));
          store.update((s) => {
            const draft = draftOf(s, next.conversationId);
            const text = draft.text ? `${next.body}\n${draft.text}` : next.body;
            // A refused note joined to a reply draft must not go to the customer with it: a note, then.
            const kept = draft.text ? s.composeKind[next.conversationId] : undefined;
            const kind: MessageKind = next.kind === 'note' || kept === 'note' ? 'note' : 'reply';
            return {
              drafts: { ...s.drafts, [next.conversationId]: { text, cursor: text.length } },
              composeKind: { ...s.composeKind, [next.conversationId]: kind },
              sendError: { ...s.sendError, [next.conversationId]: messageOf(error) },
            };
          });
          flash(`A queued message to #${next.conversationId} was refused: ${messageOf(error)}`, 'error');
        }
      }
    } finally {
      flushing = false;
    }
  }

  function restore(state: Pick<TuiState, 'drafts' | 'composeKind' | 'outbox'>) {
    store.update(() => ({ drafts: state.drafts, composeKind: state.composeKind, outbox: state.outbox }));
    if (state.outbox.length) void flushOutbox();
  }

  return { sendDraft, takeBackWaiting, flushOutbox, restore };
}
