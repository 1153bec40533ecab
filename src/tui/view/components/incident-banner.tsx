import { Text } from 'ink';
import type { Incident } from '../../../api/types.js';
import { sanitize } from '../../../api/text/sanitize.js';
import { theme } from '../theme.js';

/** Banner lines shown at most; more active incidents are counted on the last. */
export const BANNER_MAX_LINES = 2;

export function bannerLines(incidents: readonly Incident[] | undefined): number {
  return Math.min(incidents?.length ?? 0, BANNER_MAX_LINES);
}

const eta = (iso: string | null) => (iso ? ` · ETA ${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** The status area's incident lines: one per active incident, newest first. */
export function IncidentBanner({ incidents, width }: { incidents: readonly Incident[]; width: number }) {
  const shown = incidents.slice(0, BANNER_MAX_LINES);
  const more = incidents.length - shown.length;
  return (
    <>
      {shown.map((incident, i) => (
        <Text key={incident.id} color={theme.warning} wrap="truncate">
          {`⚠ Incident ${incident.id}: ${sanitize(incident.title, { multiline: false })}${eta(incident.expectedEndAt)} · ${incident.openLinkedCount} linked open${i === shown.length - 1 && more > 0 ? ` · +${more} more` : ''}`.slice(0, width * 4)}
        </Text>
      ))}
    </>
  );
}
