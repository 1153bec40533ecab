import { agentHeader, agentLine, deskSections } from '../../api/text/desk-board.js';
import type { DeskSnapshot } from '../../api/types.js';
import { color as chalk } from '../output/color.js';

/** `support desk`: the board as text, `width` columns wide; titles in bold where colour is on (the words are the same without). */
export function deskText(board: DeskSnapshot, now: number, width: number): string {
  const lines = [chalk.bold(`Agents (${board.agents.length})`), chalk.dim(agentHeader()), ...board.agents.map((a) => agentLine(a, now))];
  for (const section of deskSections(board, now, width)) lines.push('', chalk.bold(section.title), ...section.lines);
  return `${lines.join('\n')}\n`;
}
