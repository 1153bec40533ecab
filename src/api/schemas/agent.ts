import Type from 'typebox';
import { AVAILABILITIES, ROLES } from '../enums.js';
import { PrefixedId } from './common.js';

export const AgentId = PrefixedId('agt');

export const Agent = Type.Object({
  id: AgentId,
  email: Type.String(),
  name: Type.String(),
  role: Type.Enum(ROLES),
  availability: Type.Enum(AVAILABILITIES),
});

export const AgentRef = Type.Object({ id: AgentId, name: Type.String() });
