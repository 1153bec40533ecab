import Type from 'typebox';
import { CATEGORIES, LANGUAGES } from '../enums.js';
import { Cursor, Limit, Nullable, Page, PatternString, PrefixedId, Text, Timestamp } from './common.js';

export const MacroId = PrefixedId('mac');

/** Typed after "/" in the reply box. No "_", so a shortcut can never be mistaken for an id (mac_…). */
export const MacroShortcut = PatternString('^[a-z0-9][a-z0-9-]{0,31}$', 'must be 1 to 32 lowercase letters, digits or -, starting with a letter or digit');

/** A macro by id (mac_…) or by shortcut: paths accept either. */
export const MacroRef = PatternString('^(mac_[0-9A-Za-z]{6,32}|[a-z0-9][a-z0-9-]{0,31})$', 'must be a macro id (mac_…) or a shortcut');

const MacroBody = Text({ minLength: 1, maxLength: 5000 });

/** The text in each language; English is required, so that every customer can be answered. */
export const MacroBodies = Type.Object(
  { en: MacroBody, zh: Type.Optional(MacroBody), id: Type.Optional(MacroBody) },
  { additionalProperties: false },
);

export const Macro = Type.Object({
  id: MacroId,
  name: Type.String(),
  shortcut: MacroShortcut,
  category: Nullable(Type.Enum(CATEGORIES)),
  /** The languages this macro has a text in, en first. */
  languages: Type.Array(Type.Enum(LANGUAGES)),
  bodies: MacroBodies,
  /** The variables its texts use, e.g. ["customer.name", "transaction.id"]. */
  variables: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const MacroName = Text({ minLength: 1, maxLength: 80 });

export const CreateMacroRequest = Type.Object(
  {
    name: MacroName,
    shortcut: MacroShortcut,
    category: Type.Optional(Nullable(Type.Enum(CATEGORIES))),
    bodies: MacroBodies,
  },
  { additionalProperties: false },
);

/** Fields given replace the stored ones; in `bodies`, a language set to null is removed (not en). */
export const UpdateMacroRequest = Type.Object(
  {
    name: Type.Optional(MacroName),
    shortcut: Type.Optional(MacroShortcut),
    category: Type.Optional(Nullable(Type.Enum(CATEGORIES))),
    bodies: Type.Optional(
      Type.Object(
        // en accepts null only to be refused with a sentence saying why, not a type error.
        { en: Type.Optional(Nullable(MacroBody)), zh: Type.Optional(Nullable(MacroBody)), id: Type.Optional(Nullable(MacroBody)) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const MacroQuery = Type.Object(
  {
    category: Type.Optional(Type.Enum(CATEGORIES)),
    /** Only macros with a text in this language. */
    language: Type.Optional(Type.Enum(LANGUAGES)),
    /** Part of the name or shortcut. */
    q: Type.Optional(Text({ minLength: 1, maxLength: 80 })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const MacroPage = Page(Macro);

export const MacroRefParam = Type.Object({ macro: MacroRef });

export const RenderMacroQuery = Type.Object(
  {
    conversationId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    /** The transaction {{transaction.id}} names; without it, the one the conversation mentions. */
    transactionId: Type.Optional(PrefixedId('txn')),
    /** The wallet {{account.id}} names; without it, the transaction's, else the customer's only one. */
    accountId: Type.Optional(PrefixedId('wal')),
    /** Render in this language instead of the customer's. */
    language: Type.Optional(Type.Enum(LANGUAGES)),
  },
  { additionalProperties: false },
);

export const RenderedVariable = Type.Object({
  name: Type.String(),
  value: Type.String(),
  /** Where the value came from, for a person checking the preview. */
  source: Type.String(),
});

export const RenderedMacro = Type.Object({
  macro: Type.Object({ id: MacroId, name: Type.String(), shortcut: MacroShortcut }),
  conversationId: Type.Integer(),
  /** The language of `text`. */
  language: Type.Enum(LANGUAGES),
  /** The language asked for: the customer's, or the `language` parameter. */
  requestedLanguage: Type.Enum(LANGUAGES),
  /** True when the macro has no text in the requested language and English was used. */
  fallback: Type.Boolean(),
  /** One sentence saying so when `fallback` is true; null otherwise. */
  notice: Nullable(Type.String()),
  /** The filled text, ready to send. Never contains an unfilled variable. */
  text: Type.String(),
  variables: Type.Array(RenderedVariable),
});
