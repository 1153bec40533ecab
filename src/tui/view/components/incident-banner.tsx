import { Text } from 'ink';
import type { Announcement, Incident } from '../../../api/types.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { theme } from '../theme.js';

/** Banner lines shown at most; more are counted on the last. */
export const BANNER_MAX_LINES = 3;
/** A maintenance window gets its banner this long before it starts. */
export const ANNOUNCE_AHEAD_MS = 6 * 3_600_000;

const time = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const one = (text: string) => sanitize(text, { multiline: false });

/** The lines of the status area: each active incident, then each window running or starting within ANNOUNCE_AHEAD_MS. */
export function bannerTexts(incidents: readonly Incident[] | undefined, announcements: readonly Announcement[], now: number): string[] {
  const lines = (incidents ?? []).map(
    (i) => `⚠ Incident ${i.id}: ${one(i.title)}${i.expectedEndAt ? ` · ETA ${time(i.expectedEndAt)}` : ''} · ${i.openLinkedCount} linked open`,
  );
  for (const a of announcements) {
    const starts = Date.parse(a.startsAt);
    const ends = Date.parse(a.endsAt);
    if (a.cancelled || ends <= now || starts - now > ANNOUNCE_AHEAD_MS) continue;
    lines.push(`${starts <= now ? '🛠 Maintenance now' : `🛠 Maintenance from ${time(a.startsAt)}`} until ${time(a.endsAt)}: ${one(a.title)} · unavailable: ${one(a.unavailable)}`);
  }
  if (lines.length <= BANNER_MAX_LINES) return lines;
  const shown = lines.slice(0, BANNER_MAX_LINES);
  shown[BANNER_MAX_LINES - 1] += ` · +${lines.length - BANNER_MAX_LINES} more`;
  return shown;
}

export function IncidentBanner({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} color={theme.warning} wrap="truncate">
          {line}
        </Text>
      ))}
    </>
  );
}
