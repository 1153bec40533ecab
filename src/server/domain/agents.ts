import { randomBytes } from 'node:crypto';
import { CATEGORIES, CHANNELS, type Availability, type Category, type Channel, type Role } from '../../api/enums.js';
import type { AgentProfile } from '../../api/types.js';
import { conflict, notFound, unprocessable } from './errors.js';
import { findProfile } from '../store/agent-profiles.js';
import { forUpdate } from '../store/locking.js';
import { isUniqueViolation } from '../store/constraint.js';
import { refOf } from './actor.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface NewAgent {
  email: string;
  name: string;
  role: Role;
  password: string;
  channels?: Channel[] | undefined;
  categories?: Category[] | undefined;
  capacity?: number | undefined;
  teams?: string[] | undefined;
}

export interface AgentChanges {
  name?: string | undefined;
  role?: Role | undefined;
  availability?: Availability | undefined;
  password?: string | undefined;
  channels?: Channel[] | undefined;
  categories?: Category[] | undefined;
  capacity?: number | undefined;
  teams?: string[] | undefined;
}

const DEFAULT_CAPACITY = 5;
const newAgentId = () => `agt_${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;
/** What the audit log may show of a change: never the password, only that it changed. */
const auditable = (changes: AgentChanges) => ({ ...changes, ...(changes.password !== undefined ? { password: '(changed)' } : {}) });

/** `passwordHash`: hashed by the caller before the unit of work (scrypt takes tens of milliseconds and needs no lock). */
export async function createAgent(uow: UnitOfWork, input: NewAgent, passwordHash: string): Promise<AgentProfile> {
  const { trx, now } = uow;
  const email = input.email.trim().toLowerCase();
  const taken = (id?: string) => conflict('email_taken', `an agent with email ${email} exists already${id ? ` (${id})` : ''}`);
  const existing = await trx.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw taken(existing.id);
  const row = {
    id: newAgentId(),
    email,
    name: input.name.trim(),
    role: input.role,
    availability: 'offline',
    availability_since: uow.now,
    password_hash: passwordHash,
    teams: JSON.stringify(input.teams ?? []),
    channels: JSON.stringify(input.channels ?? CHANNELS),
    categories: JSON.stringify(input.categories ?? CATEGORIES),
    capacity: input.capacity ?? DEFAULT_CAPACITY,
    created_at: now,
  };
  await trx
    .insertInto('agents')
    .values(row)
    .execute()
    .catch((error: unknown) => {
      // Created by a concurrent request between the check and the insert.
      throw isUniqueViolation(error) ? taken() : error;
    });
  const { password_hash: _, ...shown } = row;
  await uow.audit({
    action: 'agent.create',
    targetType: 'agent',
    targetId: row.id,
    after: shown,
  });
  return (await findProfile(trx, row.id))!;
}

/**
 * Changes an agent's profile (admins) or availability (anyone, their own). The desk keeps at least
 * one admin: the last one cannot be demoted.
 */
export async function updateAgent(uow: UnitOfWork, agentId: string, changes: AgentChanges, passwordHash: string | undefined): Promise<AgentProfile> {
  const { trx, ctx, actor } = uow;
  const agent = await forUpdate(trx.selectFrom('agents').selectAll().where('id', '=', agentId), ctx.engine).executeTakeFirst();
  if (!agent) throw notFound(`agent ${agentId}`);
  const before = (await findProfile(trx, agentId))!;
  if (changes.role && changes.role !== 'admin' && agent.role === 'admin') {
    const admins = await forUpdate(trx.selectFrom('agents').select('id').where('role', '=', 'admin'), ctx.engine).execute();
    if (admins.length <= 1) throw unprocessable('last_admin', `${agent.name} is the last admin; make someone else admin first`);
  }
  const set = {
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.role !== undefined ? { role: changes.role } : {}),
    ...(changes.availability !== undefined ? { availability: changes.availability } : {}),
    // Time in state runs from the last real change: setting the same availability again keeps it.
    ...(changes.availability !== undefined && changes.availability !== agent.availability ? { availability_since: uow.now } : {}),
    ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
    ...(changes.channels !== undefined ? { channels: JSON.stringify(changes.channels) } : {}),
    ...(changes.categories !== undefined ? { categories: JSON.stringify(changes.categories) } : {}),
    ...(changes.capacity !== undefined ? { capacity: changes.capacity } : {}),
    ...(changes.teams !== undefined ? { teams: JSON.stringify(changes.teams) } : {}),
  };
  await trx.updateTable('agents').set(set).where('id', '=', agentId).execute();
  // A new password logs the agent out everywhere. (Roles are read on every request: no logout needed.)
  if (passwordHash !== undefined) await trx.deleteFrom('tokens').where('agent_id', '=', agentId).execute();
  const shown = before as unknown as Record<string, unknown>;
  const previous = Object.fromEntries(Object.keys(auditable(changes)).map((key) => [key, key === 'password' ? '(old)' : shown[key]]));
  await uow.audit({
    action: actor.id === agentId && Object.keys(changes).every((k) => k === 'availability') ? 'agent.availability' : 'agent.update',
    targetType: 'agent',
    targetId: agentId,
    before: previous,
    after: auditable(changes),
  });
  if (changes.availability !== undefined && changes.availability !== agent.availability) {
    await uow.emit({
      type: 'agent.availability',
      conversationId: null,
      payload: { agent: { id: agent.id, name: agent.name }, availability: changes.availability, by: refOf(actor) },
    });
  }
  return (await findProfile(trx, agentId))!;
}
