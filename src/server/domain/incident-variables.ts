import type { Kysely } from 'kysely';
import type { Language } from '../../api/enums.js';
import { parseTexts, type IncidentRow } from '../store/incidents.js';
import type { Database } from '../store/tables.js';

export type IncidentVariable = 'incident.title' | 'incident.eta' | 'incident.update';

const LOCALES: Record<Language, string> = { en: 'en-GB', zh: 'zh-CN', id: 'id-ID' };
const NO_ETA: Record<Language, string> = { en: 'as soon as possible', zh: '尽快', id: 'secepatnya' };

/**
 * The macro variables of the incident a conversation is linked to, in its customer's language: the
 * title, the expected end as a date and time in that language (UTC), and the latest update sent to
 * customers in that language, else the incident's customer text.
 */
export async function incidentVariable(db: Kysely<Database>, conversationId: number, language: string, variable: IncidentVariable): Promise<{ value: string; source: string } | { problem: string }> {
  const incident = (await db
    .selectFrom('incident_links')
    .innerJoin('incidents', 'incidents.id', 'incident_links.incident_id')
    .selectAll('incidents')
    .where('incident_links.conversation_id', '=', conversationId)
    .executeTakeFirst()) as IncidentRow | undefined;
  if (!incident) return { problem: `conversation ${conversationId} is not linked to an incident` };
  const lang = (language in LOCALES ? language : 'en') as Language;
  const source = `incident ${incident.id}`;
  switch (variable) {
    case 'incident.title':
      return { value: incident.title, source };
    case 'incident.eta':
      return {
        value:
          incident.expected_end_at === null
            ? NO_ETA[lang]
            : `${new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(incident.expected_end_at)} UTC`,
        source,
      };
    case 'incident.update': {
      const latest = await db
        .selectFrom('incident_updates')
        .select('messages')
        .where('incident_id', '=', incident.id)
        .where('messages', 'is not', null)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const text = parseTexts(latest?.messages ?? null)?.[lang] ?? parseTexts(incident.texts)?.[lang];
      return text ? { value: text, source } : { problem: `incident ${incident.id} has no customer text in ${lang}` };
    }
  }
}
