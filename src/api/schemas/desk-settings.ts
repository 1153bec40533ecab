import Type from 'typebox';
import { CATEGORIES } from '../enums.js';
import { Nullable } from './common.js';

const Threshold = Type.Number({ minimum: 0, maximum: 1 });
const AnsweredCategories = Type.Array(Type.Enum(CATEGORIES), { uniqueItems: true, minItems: 1, maxItems: CATEGORIES.length });

/** Automation the desk turns on and off at runtime (issue 18): the server's start flags are only the defaults. */
export const DeskSettingValues = Type.Object({
  /** New conversations get the category and priority their first words point to, noted in the thread. */
  autoTriage: Type.Boolean(),
  /** A new conversation whose top suggestion is a confident macro of an allowed category gets its answer at once. */
  autoAnswer: Type.Boolean(),
  /** The lowest top-suggestion score (0–1) answered automatically. */
  autoAnswerThreshold: Threshold,
  /** The categories answered automatically. */
  autoAnswerCategories: AnsweredCategories,
});

export const DESK_SETTING_KEYS = ['autoTriage', 'autoAnswer', 'autoAnswerThreshold', 'autoAnswerCategories'] as const;
export type DeskSettingKey = (typeof DESK_SETTING_KEYS)[number];

/** Where a value comes from: the desk set it, or the server's start flag (or built-in default) applies. */
const Source = Type.Union([Type.Literal('desk'), Type.Literal('server')]);

export const DeskSettings = Type.Object({
  settings: DeskSettingValues,
  sources: Type.Object({ autoTriage: Source, autoAnswer: Source, autoAnswerThreshold: Source, autoAnswerCategories: Source }),
});

/** Each field given is set; null returns it to the server's default; fields not given stay as they are. */
export const PatchDeskSettingsRequest = Type.Object(
  {
    autoTriage: Type.Optional(Nullable(Type.Boolean())),
    autoAnswer: Type.Optional(Nullable(Type.Boolean())),
    autoAnswerThreshold: Type.Optional(Nullable(Threshold)),
    autoAnswerCategories: Type.Optional(Nullable(AnsweredCategories)),
  },
  { additionalProperties: false, minProperties: 1 },
);
