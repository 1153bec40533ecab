import { sanitize } from '../../api/text/sanitize.js';
import type { Complaint } from '../../api/types.js';
import { REVIEW_DECISIONS } from '../../api/enums.js';
import type { DialogStateOf } from '../state/dialog-state.js';
import { oneOf } from './one-of.js';
import type { ChoiceOption, DialogDefinition } from './types.js';

const ACTIONS = ['create', 'answer', 'requestReview', 'decide'] as const;

type DialogState = DialogStateOf<'complaint'>;
const complaintOf = (state: DialogState) => state.data.complaint;
// Step titles are not escaped by the view: what a customer or agent wrote is escaped here.
const quoted = (text: string | undefined) => sanitize(text ?? '', { multiline: false });
const isSupervisor = (state: DialogState) => state.subject.role === 'supervisor' || state.subject.role === 'admin';

/** What can be done with the conversation's complaint now, as the CLI's `support complaint` offers it. */
function actions(state: DialogState): ChoiceOption[] {
  const complaint = complaintOf(state);
  if (!complaint || complaint.status === 'closed') {
    return [{ value: 'create', label: 'Open a complaint', detail: complaint ? `${complaint.number} is closed` : 'a number and a reply-by deadline' }];
  }
  if (complaint.status === 'open') return [{ value: 'answer', label: 'Answer it', detail: 'the outcome, for the record' }];
  if (complaint.status === 'answered' && !complaint.secondReview) {
    return [{ value: 'requestReview', label: 'Ask for a second review', detail: 'the customer disputes the answer' }];
  }
  if (complaint.status === 'second_review' && isSupervisor(state)) return [{ value: 'decide', label: 'Decide the second review', detail: 'uphold or overturn' }];
  return [];
}

/** The one action there is is taken without asking which. */
const actionOf = (state: DialogState) => {
  const available = actions(state);
  return oneOf(ACTIONS, state.values['action'] ?? (available.length === 1 ? available[0]?.value : undefined));
};

function whyNothing(complaint: Complaint | undefined): string {
  if (complaint?.status === 'second_review') return `${complaint.number} waits for a supervisor or admin who did not answer it to decide the second review.`;
  if (complaint?.status === 'answered') return `${complaint.number} was answered and already had its second review (it happens once); it can only be closed (support complaint close ${complaint.number}).`;
  return 'There is nothing to do with this complaint here.';
}

/**
 * !: the conversation's complaint: open one, answer it, ask for its second review, or (supervisors)
 * decide that review. The server keeps the rules (one open complaint per conversation, four eyes,
 * one second review) and the audit log, as for the CLI; a refusal stays in the dialog with its reason.
 */
export const complaintDialog: DialogDefinition<'complaint'> = {
  title: (state) => {
    const c = complaintOf(state);
    return c && c.status !== 'closed' ? `Complaint ${c.number} · ${c.status.replace('_', ' ')}${c.overdue ? ' · OVERDUE' : ''}` : 'Complaint';
  },
  // Read fresh: the complaint may have moved on since the conversation was loaded.
  load: async (deps, state) => {
    const ref = (await deps.client.conversations.get(state.subject.conversationId)).complaint;
    return ref ? { complaint: await deps.client.complaints.get(ref.number) } : {};
  },
  steps: [
    (state) => (actions(state).length ? null : { kind: 'info', title: 'Nothing to do now', lines: [whyNothing(complaintOf(state))] }),
    (state) => (actions(state).length > 1 ? { kind: 'choice', key: 'action', title: 'What to do?', options: actions(state) } : null),
    (state) => {
      switch (actionOf(state)) {
        case 'create':
          return { kind: 'text', key: 'summary', title: 'What is the complaint about? (Enter keeps the subject)', initial: state.subject.summary };
        case 'answer':
          return { kind: 'text', key: 'answer', title: `Answer to: ${quoted(complaintOf(state)!.summary)}` };
        case 'requestReview':
          return { kind: 'text', key: 'reason', title: `Why does the customer dispute the answer? (answer: ${quoted(complaintOf(state)!.answer?.text)})` };
        case 'decide':
          return { kind: 'choice', key: 'decision', title: `Second review asked because: ${quoted(complaintOf(state)!.secondReview?.reason)}`, options: [{ value: 'upheld', label: 'Uphold the answer' }, { value: 'overturned', label: 'Overturn it' }] };
        default:
          return null;
      }
    },
    (state) => (actionOf(state) === 'decide' ? { kind: 'text', key: 'note', title: 'Note on the decision' } : null),
  ],
  submit: async (deps, state) => {
    const action = actionOf(state);
    if (action === 'create') {
      const summary = state.values['summary']?.trim();
      const created = await deps.client.complaints.create({ conversationId: state.subject.conversationId, ...(summary ? { summary } : {}) });
      return `Complaint ${created.number} opened; reply by ${new Date(created.replyBy).toLocaleString()}`;
    }
    const complaint = complaintOf(state);
    if (!complaint || !action) throw new Error('nothing to do with this complaint');
    switch (action) {
      case 'answer':
        await deps.client.complaints.answer(complaint.number, (state.values['answer'] ?? '').trim());
        return `Complaint ${complaint.number} answered`;
      case 'requestReview':
        await deps.client.complaints.requestSecondReview(complaint.number, (state.values['reason'] ?? '').trim());
        return `Complaint ${complaint.number} waits for a supervisor's second review`;
      case 'decide': {
        const decision = oneOf(REVIEW_DECISIONS, state.values['decision']);
        if (!decision) throw new Error('choose uphold or overturn first');
        await deps.client.complaints.review(complaint.number, { decision, note: (state.values['note'] ?? '').trim() });
        return `Complaint ${complaint.number}: the answer is ${decision}`;
      }
    }
  },
};
