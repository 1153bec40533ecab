import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../api/enums.js';
import type { DialogDefinition, DialogState } from './types.js';

const conversationOf = (state: DialogState) => Number(state.subject['conversationId']);
const words = (value: string) => value.replace(/_/g, ' ');

/** P: the conversation's priority (the queue sorts by it after the SLA due time); the current one is selected. */
export const priorityDialog: DialogDefinition = {
  title: () => 'Priority',
  steps: [
    (state) => ({
      kind: 'choice',
      key: 'priority',
      title: 'Which priority?',
      initial: String(state.subject['priority'] ?? ''),
      options: PRIORITIES.map((p) => ({ value: p, label: p, ...(p === state.subject['priority'] ? { detail: 'now' } : {}) })),
    }),
  ],
  submit: async (ctx, state) => {
    const priority = state.values['priority'] as Priority;
    await ctx.client.conversations.update(conversationOf(state), { priority });
    return `Priority: ${priority}`;
  },
};

/** C: the conversation's category (what routing and reports group it by); the current one is selected. */
export const categoryDialog: DialogDefinition = {
  title: () => 'Category',
  steps: [
    (state) => ({
      kind: 'choice',
      key: 'category',
      title: 'Which category?',
      initial: String(state.subject['category'] ?? ''),
      options: CATEGORIES.map((c) => ({ value: c, label: words(c), ...(c === state.subject['category'] ? { detail: 'now' } : {}) })),
    }),
  ],
  submit: async (ctx, state) => {
    const category = state.values['category'] as Category;
    await ctx.client.conversations.update(conversationOf(state), { category });
    return `Category: ${words(category)}`;
  },
};
