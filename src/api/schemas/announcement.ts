import Type from 'typebox';
import { AgentRef } from './agent.js';
import { Nullable, Text, Timestamp } from './common.js';
import { CustomerTexts } from './incident.js';

/** A scheduled maintenance window as agents see it. */
export const Announcement = Type.Object({
  id: Type.Integer(),
  /** Internal: what the banner says to agents. */
  title: Type.String(),
  /** What is unavailable during the window, for agents. */
  unavailable: Type.String(),
  texts: CustomerTexts,
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** scheduled (not started), in_progress, ended, cancelled: as of the answer. */
  state: Type.Union([Type.Literal('scheduled'), Type.Literal('in_progress'), Type.Literal('ended'), Type.Literal('cancelled')]),
  createdBy: AgentRef,
  createdAt: Timestamp,
  cancelled: Nullable(Type.Object({ by: AgentRef, at: Timestamp })),
});

export const AnnouncementPage = Type.Object({ data: Type.Array(Announcement) });

export const CreateAnnouncementRequest = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: 200 }),
    unavailable: Text({ minLength: 1, maxLength: 1000 }),
    texts: CustomerTexts,
    startsAt: Timestamp,
    endsAt: Timestamp,
  },
  { additionalProperties: false },
);

export const AnnouncementQuery = Type.Object(
  {
    /** Ended and cancelled windows too. */
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** What the wallet app shows: customer-facing fields only, no agent names or internal notes. */
export const PublicAnnouncements = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.Integer(),
      texts: CustomerTexts,
      startsAt: Timestamp,
      endsAt: Timestamp,
      inProgress: Type.Boolean(),
    }),
  ),
});
