import type { TuiState } from './types.js';

/** Beside the conversation from this width on; narrower, the panel shows on `p`. */
export const PANEL_MIN_WIDTH = 110;

/** Whether the customer panel is on screen: the agent's choice, or by default the terminal's width. */
export function panelShown(mode: TuiState['panel'], width: number): boolean {
  return mode === 'shown' || (mode === 'auto' && width >= PANEL_MIN_WIDTH);
}

/**
 * The panel grows with the terminal (dates and failure reasons stop being cut on a wide one): about a
 * third of it, never under 44 columns nor over half.
 */
export function panelWidth(width: number): number {
  return Math.min(Math.floor(width / 2), Math.max(44, Math.floor(width * 0.36)));
}
