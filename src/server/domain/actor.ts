import type { AgentRef } from '../../api/types.js';

/** Who makes a change: an agent through the API, or the server itself (sweeper, demo simulator). */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'System', role: 'system' };

/** The scope of the server's own changes: no request, no key. */
export const SYSTEM_SCOPE = { actor: SYSTEM_ACTOR, requestId: null, idempotencyKey: null } as const;

export function refOf(actor: Actor): AgentRef | null {
  return actor.id ? { id: actor.id, name: actor.name } : null;
}
