import type { DeskSettings } from '../../api/types.js';

const SOURCE = { desk: 'set by the desk', server: 'server default' } as const;

/** `support desk settings`: one line per setting, its value and where it comes from, readable without colour. */
export function deskSettingsText({ settings, sources }: DeskSettings): string {
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  const rows: [string, string, keyof DeskSettings['sources']][] = [
    ['Automatic triage', onOff(settings.autoTriage), 'autoTriage'],
    ['Automatic answers', onOff(settings.autoAnswer), 'autoAnswer'],
    ['  threshold', String(settings.autoAnswerThreshold), 'autoAnswerThreshold'],
    ['  categories', settings.autoAnswerCategories.join(', '), 'autoAnswerCategories'],
  ];
  const label = Math.max(...rows.map(([l]) => l.length));
  const value = Math.max(...rows.map(([, v]) => v.length));
  return rows.map(([l, v, key]) => `${l.padEnd(label)}  ${v.padEnd(value)}  (${SOURCE[sources[key]]})`).join('\n');
}
