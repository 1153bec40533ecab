import type { AgentRef } from '../../api/types.js';

/** Who makes a change: an agent through the API, or the server itself (sweeper, demo simulator). */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'System', role: 'system' };

export function refOf(actor: Actor): AgentRef | null {
  return actor.id ? { id: actor.id, name: actor.name } : null;
}
