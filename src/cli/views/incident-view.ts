import { LANGUAGES } from '../../api/enums.js';
import { sanitize } from '../../api/text/sanitize.js';
import type { Incident, IncidentDetail } from '../../api/types.js';
import { print } from '../output/terminal.js';
import { renderTable } from '../output/table.js';

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') + 'Z' : '—');

export function printIncidentTable(incidents: Incident[], nextCursor: string | null): void {
  if (incidents.length === 0) {
    print('No incidents.');
    return;
  }
  print(
    renderTable(
      [
        { header: 'ID', value: (i: Incident) => String(i.id), minWidth: Infinity },
        { header: 'STATUS', value: (i) => i.status },
        { header: 'TITLE', value: (i) => sanitize(i.title), flexible: true },
        { header: 'LINKED', value: (i) => `${i.openLinkedCount}/${i.linkedCount}`, align: 'right' },
        { header: 'STARTED', value: (i) => when(i.startedAt) },
        { header: 'ETA', value: (i) => when(i.expectedEndAt) },
      ],
      incidents,
    ),
  );
  if (nextCursor) print(`More: --cursor ${nextCursor}`);
}

/** One incident for people; every text from the server goes through the sanitizer. */
export function printIncident(incident: Incident | IncidentDetail): void {
  const lines = [
    `Incident ${incident.id}: ${sanitize(incident.title)} (${incident.status})`,
    `  started ${when(incident.startedAt)}, expected end ${when(incident.expectedEndAt)}${incident.resolved ? `, resolved ${when(incident.resolved.at)} by ${sanitize(incident.resolved.by.name)}` : ''}`,
    `  linked: ${incident.linkedCount} (${incident.openLinkedCount} open)${incident.pauseClocks ? `; their response clocks ${incident.status === 'active' ? 'are paused' : 'were paused until it was resolved'}` : ''}`,
    `  ${sanitize(incident.description, { multiline: true })}`,
  ];
  for (const lang of LANGUAGES) lines.push(`  text ${lang}: ${incident.texts[lang] ? sanitize(incident.texts[lang]) : '— missing'}`);
  const affects = Object.entries(incident.affects).map(([k, v]) => `${k}=${(v as string[]).map((x) => sanitize(x)).join(',')}`);
  if (affects.length) lines.push(`  affects: ${affects.join('; ')}`);
  if ('updates' in incident && incident.updates.length) {
    lines.push('  history:');
    for (const u of incident.updates) {
      const what = [u.kind, Object.keys(u.changes).join(', '), u.note ? sanitize(u.note) : '', u.messages?.en ? `“${sanitize(u.messages.en)}”` : ''].filter(Boolean).join(' · ');
      lines.push(`    ${when(u.createdAt)} ${sanitize(u.createdBy.name)}: ${what}`);
    }
  }
  print(lines.join('\n'));
}
