import Type from 'typebox';
import { CATEGORIES, LANGUAGES, PRIORITIES } from '../enums.js';
import { Text } from './common.js';
import { ConversationId, MESSAGE_MAX_LENGTH } from './conversation.js';

export const SUGGESTION_KINDS = ['macro', 'reply'] as const;

export const SuggestRequest = Type.Object(
  {
    conversationId: Type.Optional(ConversationId),
    text: Type.Optional(Text({ minLength: 1, maxLength: MESSAGE_MAX_LENGTH, description: "A customer's message, when there is no conversation to read it from." })),
    language: Type.Optional(Type.Enum(LANGUAGES, { description: 'The language of the text; detected when absent.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'How many suggestions, 5 by default.' })),
  },
  { additionalProperties: false },
);

export const Suggestion = Type.Object({
  kind: Type.Enum(SUGGESTION_KINDS),
  /** A macro's id (mac_…), or a past reply's message id. */
  id: Type.String(),
  shortcut: Type.Optional(Type.String()),
  name: Type.Optional(Type.String({ description: "the macro's name" })),
  conversationId: Type.Optional(ConversationId),
  category: Type.Union([Type.Enum(CATEGORIES), Type.Null()]),
  /** Relevance from 0 to 1, comparable across the kinds of one answer. */
  score: Type.Number(),
  /** The text in the customer's language (a macro's variables still as {{…}}), at most 200 characters. */
  preview: Type.String(),
  /** A past reply's whole text, to insert as it is (a macro is filled in by GET /v1/macros/:macro/render). */
  text: Type.Optional(Type.String()),
});

export const CategoryScore = Type.Object({ category: Type.Enum(CATEGORIES), score: Type.Number() });
export const PriorityScore = Type.Object({ priority: Type.Enum(PRIORITIES), score: Type.Number() });

export const Suggestions = Type.Object({
  conversationId: Type.Union([ConversationId, Type.Null()]),
  language: Type.Enum(LANGUAGES),
  /** false when the request named the language. */
  languageDetected: Type.Boolean(),
  category: CategoryScore,
  priority: PriorityScore,
  /** Every category, and every priority, with its share of the evidence (they add up to 1). */
  categories: Type.Array(CategoryScore),
  priorities: Type.Array(PriorityScore),
  suggestions: Type.Array(Suggestion),
});
