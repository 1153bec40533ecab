import type { ReactNode } from 'react';
import { helpHeight } from '../../input/help.js';
import type { BoundOverlay } from '../../input/command-context.js';
import { bindOverlay, type OverlayController } from '../../input/overlays/controller.js';
import { confirmActionController } from '../../input/overlays/confirm-action.js';
import { confirmQuitController } from '../../input/overlays/confirm-quit.js';
import { dialogController } from '../../input/overlays/dialog.js';
import { lookupController } from '../../input/overlays/lookup.js';
import { macrosController } from '../../input/overlays/macros.js';
import { pickerEntries, suggestedMacroIds } from '../../input/suggestions.js';
import { paletteController } from '../../input/overlays/palette.js';
import { helpController, scrollListController } from '../../input/overlays/scrolling.js';
import type { CommandSpec } from '../../state/command-spec.js';
import type { Overlay, OverlayKind, OverlayOf } from '../../state/types.js';
import { DialogView } from '../components/dialog-view.js';
import { MessageLogOverlay, MyRefundsOverlay } from '../components/list-overlays.js';
import { LookupOverlay } from '../components/lookup-overlay.js';
import { ConfirmActionOverlay, ConfirmQuitOverlay, HelpOverlay, MacroOverlay, PaletteOverlay } from '../components/overlays.js';
import { useStoreState } from '../hooks/use-store.js';

/** The body's room, for an overlay to size itself in, and the workspace's clock (hooks/use-now). */
export interface OverlayRoom {
  width: number;
  height: number;
  commands: readonly CommandSpec[];
  now: number;
}

/** One overlay kind: what its keys do (input/overlays/) and how it looks. */
interface OverlayEntry<O extends Overlay> {
  controller: OverlayController<O>;
  View: (props: OverlayRoom & { overlay: O }) => ReactNode;
}

function MessagesView({ overlay, width, height, now }: OverlayRoom & { overlay: OverlayOf<'messages'> }) {
  const log = useStoreState((s) => s.messageLog);
  return <MessageLogOverlay log={log} width={Math.min(width, 90)} height={helpHeight(height)} scroll={overlay.scroll} now={now} />;
}

function MyRefundsView({ overlay, width, height, now }: OverlayRoom & { overlay: OverlayOf<'myRefunds'> }) {
  const refunds = useStoreState((s) => s.myRefunds);
  return <MyRefundsOverlay refunds={refunds} width={Math.min(width, 90)} height={helpHeight(height)} scroll={overlay.scroll} now={now} />;
}

function MacrosView({ overlay, width, height, commands }: OverlayRoom & { overlay: OverlayOf<'macros'> }) {
  const macros = useStoreState((s) => s.macros);
  const suggestions = useStoreState((s) => s.suggestions);
  const entries = pickerEntries({ macros, suggestions }, overlay.conversationId, overlay.query);
  const suggested = suggestedMacroIds({ suggestions }, overlay.conversationId);
  return (
    <MacroOverlay commands={commands} macros={macros} entries={entries} suggested={suggested} width={Math.min(width, 90)} height={helpHeight(height)} query={overlay.query} selected={overlay.selected} preview={overlay.preview} />
  );
}

/** Every overlay, by kind: its controller and its view side by side. A kind missing here does not compile. */
export const OVERLAYS: { [K in OverlayKind]: OverlayEntry<OverlayOf<K>> } = {
  help: {
    controller: helpController,
    View: ({ overlay, width, height, commands }) => <HelpOverlay commands={commands} width={Math.min(width, 90)} height={helpHeight(height)} scroll={overlay.scroll} />,
  },
  palette: {
    controller: paletteController,
    View: ({ overlay, width, height, commands }) => (
      <PaletteOverlay commands={commands} width={Math.min(width, 70)} height={Math.min(height, 20)} query={overlay.query} selected={overlay.selected} here={overlay.here} />
    ),
  },
  confirmQuit: {
    controller: confirmQuitController,
    View: ({ overlay, width, commands }) => <ConfirmQuitOverlay reason={overlay.reason} width={width} commands={commands} />,
  },
  confirmAction: {
    controller: confirmActionController,
    View: ({ overlay, width, commands }) => <ConfirmActionOverlay question={overlay.question} dangerous={overlay.dangerous} width={width} commands={commands} />,
  },
  macros: { controller: macrosController, View: MacrosView },
  lookup: { controller: lookupController, View: ({ overlay, width, height }) => <LookupOverlay overlay={overlay} width={Math.min(width, 100)} height={helpHeight(height)} /> },
  messages: { controller: scrollListController, View: MessagesView },
  myRefunds: { controller: scrollListController, View: MyRefundsView },
  dialog: {
    controller: dialogController,
    View: ({ overlay, width, height, commands }) => <DialogView dialog={overlay} width={Math.min(width, 84)} height={helpHeight(height)} commands={commands} />,
  },
};

export interface OpenOverlay {
  controller: BoundOverlay;
  render: (room: OverlayRoom) => ReactNode;
}

function open<O extends Overlay>(entry: OverlayEntry<O>, overlay: O): OpenOverlay {
  const { View } = entry;
  return { controller: bindOverlay(entry.controller, overlay), render: (room) => <View {...room} overlay={overlay} /> };
}

/** The open overlay's entry, bound to it: the one place an overlay's kind picks its keys and its view. */
export function openOverlay(overlay: Overlay): OpenOverlay {
  switch (overlay.kind) {
    case 'help':
      return open(OVERLAYS.help, overlay);
    case 'palette':
      return open(OVERLAYS.palette, overlay);
    case 'confirmQuit':
      return open(OVERLAYS.confirmQuit, overlay);
    case 'confirmAction':
      return open(OVERLAYS.confirmAction, overlay);
    case 'macros':
      return open(OVERLAYS.macros, overlay);
    case 'messages':
      return open(OVERLAYS.messages, overlay);
    case 'myRefunds':
      return open(OVERLAYS.myRefunds, overlay);
    case 'dialog':
      return open(OVERLAYS.dialog, overlay);
    case 'lookup':
      return open(OVERLAYS.lookup, overlay);
  }
}

/** The open overlay, drawn by its registered view. */
export function OverlayView({ overlay, ...room }: OverlayRoom & { overlay: Overlay }) {
  return openOverlay(overlay).render(room);
}
