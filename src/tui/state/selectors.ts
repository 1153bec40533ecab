import type { WalletAccount } from '../../api/types.js';
import { emptyEditor, type EditorState } from './editor.js';
import type { TuiState } from './types.js';

export const isSupervisor = (state: Pick<TuiState, 'agent'>): boolean => state.agent.role === 'supervisor' || state.agent.role === 'admin';

export const draftOf = (state: TuiState, id: number): EditorState => state.drafts[id] ?? emptyEditor;

/** A wallet as the store knows it now (the latest of every answer and event), else as given. */
export const currentWallet = (state: Pick<TuiState, 'wallets'>, account: WalletAccount): WalletAccount => state.wallets[account.id] ?? account;

/** Rows (or lines) a page moves in the body as last drawn. */
export const pageSize = (state: Pick<TuiState, 'viewport'>): number => Math.max(1, state.viewport.bodyHeight - 4);
