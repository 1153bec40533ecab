import type { Connection } from './connection.js';
import type { EffectContext } from './context.js';
import { messageOf } from './errors.js';

/** Incidents: the active ones and the maintenance windows for the banner, the one each open conversation is linked to, and linking with one key. */
export function createIncidentEffects(ctx: EffectContext, connection: Connection) {
  const { store, client } = ctx;

  async function loadIncidents(): Promise<void> {
    try {
      const [{ data }, windows] = await Promise.all([client.incidents.list({ status: 'active', limit: 20 }), client.announcements.list()]);
      store.update(() => ({ incidents: { status: 'ready', data }, announcements: windows.data }));
    } catch (error) {
      store.update((s) => ({ incidents: { ...s.incidents, status: 'error', error: messageOf(error) } }));
      connection.reached(false, error);
    }
  }

  async function loadIncidentOf(conversationId: number): Promise<void> {
    try {
      const { data } = await client.incidents.list({ conversationId, limit: 1 });
      const incident = data[0];
      store.update((s) => ({ incidentOf: { ...s.incidentOf, [conversationId]: incident ? { id: incident.id, title: incident.title, status: incident.status } : null } }));
    } catch {
      // The header goes without the incident; the banner and the link key still work.
    }
  }

  /** Links the conversation to the newest active incident (the banner's first). */
  async function linkToIncident(conversationId: number): Promise<void> {
    const incident = store.getState().incidents.data?.[0];
    if (!incident) {
      ctx.flash('No active incident to link this conversation to', 'error');
      return;
    }
    try {
      const result = await client.incidents.link(incident.id, [conversationId]);
      store.update((s) => ({ incidentOf: { ...s.incidentOf, [conversationId]: { id: incident.id, title: incident.title, status: incident.status } } }));
      ctx.flash(result.linked.length ? `Linked #${conversationId} to incident ${incident.id}: ${incident.title}` : `#${conversationId} was already linked to incident ${incident.id}`);
    } catch (error) {
      ctx.flash(`Not linked: ${messageOf(error)}`, 'error');
    }
  }

  return { loadIncidents, loadIncidentOf, linkToIncident };
}
