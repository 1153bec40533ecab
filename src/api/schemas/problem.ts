import Type from 'typebox';

/** RFC 9457 problem details, with the stable `code` clients branch on. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  ),
  retryAfterSeconds: Type.Optional(Type.Integer()),
  /** external_id_reused, client_message_id_reused: the conversation and message already stored under that id. */
  conversationId: Type.Optional(Type.Integer()),
  messageId: Type.Optional(Type.Integer()),
  /** invalid_phone_number: why libphonenumber finds it impossible (too_short, too_long, invalid_country_code, invalid_length, invalid_number), and what the lookup tried. */
  reason: Type.Optional(Type.String()),
  tried: Type.Optional(Type.Array(Type.String())),
});
