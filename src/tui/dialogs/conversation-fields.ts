import { CATEGORIES, PRIORITIES } from '../../api/enums.js';
import { oneOf } from './one-of.js';
import type { DialogDefinition } from './types.js';

const words = (value: string) => value.replace(/_/g, ' ');

/** P: the conversation's priority (the queue sorts by it after the SLA due time); the current one is selected. */
export const priorityDialog: DialogDefinition<'priority'> = {
  title: () => 'Priority',
  steps: [
    (state) => ({
      kind: 'choice',
      key: 'priority',
      title: 'Which priority?',
      initial: state.subject.priority ?? '',
      options: PRIORITIES.map((p) => ({ value: p, label: p, ...(p === state.subject.priority ? { detail: 'now' } : {}) })),
    }),
  ],
  submit: async (deps, state) => {
    const priority = oneOf(PRIORITIES, state.values['priority']);
    if (!priority) throw new Error('choose a priority first');
    await deps.client.conversations.update(state.subject.conversationId, { priority });
    return `Priority: ${priority}`;
  },
};

/** C: the conversation's category (what routing and reports group it by); the current one is selected. */
export const categoryDialog: DialogDefinition<'category'> = {
  title: () => 'Category',
  steps: [
    (state) => ({
      kind: 'choice',
      key: 'category',
      title: 'Which category?',
      initial: state.subject.category ?? '',
      options: CATEGORIES.map((c) => ({ value: c, label: words(c), ...(c === state.subject.category ? { detail: 'now' } : {}) })),
    }),
  ],
  submit: async (deps, state) => {
    const category = oneOf(CATEGORIES, state.values['category']);
    if (!category) throw new Error('choose a category first');
    await deps.client.conversations.update(state.subject.conversationId, { category });
    return `Category: ${words(category)}`;
  },
};
