import Type from 'typebox';
import { AVAILABILITIES, CATEGORIES, CHANNELS, ROLES } from '../enums.js';
import { AgentId } from './agent.js';
import { Cursor, Email, Page, PersonName, Text, Timestamp } from './common.js';
import { TeamName } from './conversation.js';

export const MAX_CAPACITY = 200;

const Channels = Type.Array(Type.Enum(CHANNELS), { uniqueItems: true, maxItems: CHANNELS.length });
const Categories = Type.Array(Type.Enum(CATEGORIES), { uniqueItems: true, maxItems: CATEGORIES.length });
const Teams = Type.Array(TeamName, { uniqueItems: true, maxItems: 20 });
/** How many open conversations the agent may hold at once; 0 means claiming is off for them. */
const Capacity = Type.Integer({ minimum: 0, maximum: MAX_CAPACITY });

/** An agent with what routing needs: the channels and categories they take, capacity and teams. */
export const AgentProfile = Type.Object({
  id: AgentId,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(ROLES),
  availability: Type.Enum(AVAILABILITIES),
  channels: Channels,
  categories: Categories,
  capacity: Capacity,
  teams: Teams,
  /** Open conversations assigned to them now (what capacity limits). */
  openConversations: Type.Integer(),
  createdAt: Timestamp,
});

export const AgentsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const AgentPage = Page(AgentProfile);

export const AgentIdParam = Type.Object({ id: AgentId });

export const CreateAgentRequest = Type.Object(
  {
    email: Email({ minLength: 3, maxLength: 254 }),
    name: PersonName({ minLength: 1, maxLength: 100 }),
    role: Type.Enum(ROLES),
    password: Text({ minLength: 8, maxLength: 1024 }),
    channels: Type.Optional(Channels),
    categories: Type.Optional(Categories),
    capacity: Type.Optional(Capacity),
    teams: Type.Optional(Teams),
  },
  { additionalProperties: false },
);

export const UpdateAgentRequest = Type.Object(
  {
    name: Type.Optional(PersonName({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(Type.Enum(ROLES)),
    availability: Type.Optional(Type.Enum(AVAILABILITIES)),
    password: Type.Optional(Text({ minLength: 8, maxLength: 1024 })),
    channels: Type.Optional(Channels),
    categories: Type.Optional(Categories),
    capacity: Type.Optional(Capacity),
    teams: Type.Optional(Teams),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UpdateMeRequest = Type.Object(
  { availability: Type.Enum(AVAILABILITIES) },
  { additionalProperties: false },
);

export const AgentResponse = Type.Object({ agent: AgentProfile });

export const Team = Type.Object({
  name: TeamName,
  members: Type.Array(Type.Object({ id: AgentId, name: Type.String(), availability: Type.Enum(AVAILABILITIES) })),
});

export const TeamPage = Page(Team);
