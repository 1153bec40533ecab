import { Box, Text, useApp, useWindowSize } from 'ink';
import { useEffect, useMemo } from 'react';
import { sanitize } from '../../api/text/sanitize.js';
import type { Actions } from '../effects/actions.js';
import { runShellInTerminal, spawnShell } from '../effects/custom-actions.js';
import type { CommandContext } from '../input/command-context.js';
import { OverlayView, openOverlay } from './overlays/registry.js';
import { StatusBar } from './components/status-bar.js';
import { bannerTexts, IncidentBanner } from './components/incident-banner.js';
import { useKeyDispatch } from './hooks/use-key-dispatch.js';
import { useNow } from './hooks/use-now.js';
import { StoreContext, useStoreState } from './hooks/use-store.js';
import { firstKey, type CommandId, type CommandSpec } from '../input/keymap.js';
import { ConversationScreen } from './screens/conversation-screen.js';
import { ApprovalsScreen } from './screens/approvals-screen.js';
import { CustomerScreen } from './screens/customer-screen.js';
import { DeskScreen } from './screens/desk-screen.js';
import { ReportsScreen } from './screens/reports-screen.js';
import { QueueScreen } from './screens/queue-screen.js';
import type { Store } from '../state/store.js';
import type { TuiState } from '../state/types.js';
import { theme } from './theme.js';

function hints(commands: readonly CommandSpec[], screen: TuiState['screen']['name'], composing: boolean, writingNote: boolean): string {
  const k = (id: CommandId) => firstKey(commands, id);
  if (screen === 'queue') return `${k('queue.open')} open · ${k('queue.claimNext')} claim next · ${k('queue.search')} search · ${k('app.lookup')} find · ${k('app.palette')} commands · ${k('app.help')} keys`;
  if (screen === 'customer')
    return `${k('customer.open')} open · ${k('customer.filter')} filter · ${k('customer.freeze')} freeze · ${k('customer.refund')} refund · ${k('customer.complaint')} complaint · ${k('customer.startConversation')} write · ${k('customer.logCall')} log call · ${k('customer.back')} back · ${k('app.lookup')} find`;
  if (screen === 'desk') return `${k('desk.open')} open · ${k('desk.transfer')} transfer · ${k('desk.priority')} priority · ${k('desk.away')} away · ${k('desk.back')} back`;
  if (screen === 'reports') return `${k('reports.sla')}–${k('reports.refunds')} report · ${k('reports.nextPeriod')} period · ${k('reports.refresh')} reload · ${k('reports.back')} back`;
  if (screen === 'approvals') return `${k('approvals.approve')} approve · ${k('approvals.reject')} reject · ${k('approvals.back')} back`;
  return composing
    ? `${k('composer.send')} ${writingNote ? 'add the note' : 'send'} · ${k('composer.leave')} stop writing · ${k('composer.macro')} macro${writingNote ? '' : ` · ${k('composer.sendResolveNext')} send, resolve, next`}`
    : `${k('conversation.reply')} reply · ${k('conversation.resolve')} resolve · ${k('conversation.back')} back · ${k('app.help')} keys`;
}

function screenTitle(screen: TuiState['screen']): string {
  if (screen.name === 'customer') return `customer ${screen.id}`;
  if (screen.name === 'desk') return 'desk';
  if (screen.name === 'reports') return 'reports';
  return screen.name === 'queue' ? 'queue' : screen.name === 'approvals' ? 'approvals' : `conversation #${screen.id}`;
}

function Workspace({ ctx }: { ctx: CommandContext }) {
  const { columns, rows } = useWindowSize();
  const width = Math.max(40, columns || 80);
  const height = Math.max(10, rows || 24);
  const screen = useStoreState((s) => s.screen);
  const composing = useStoreState((s) => s.composing);
  const overlay = useStoreState((s) => s.overlay);
  const notices = useStoreState((s) => s.notices);
  const commands = useStoreState((s) => s.commands);
  const profile = useStoreState((s) => s.profile);
  const writingNote = useStoreState((s) => s.screen.name === 'conversation' && s.composeKind[s.screen.id] === 'note');
  const incidents = useStoreState((s) => s.incidents.data);
  const announcements = useStoreState((s) => s.announcements);
  const now = useNow();
  const noticeLines = notices.length ? notices.length + 2 : 0;
  const bannerLines = useMemo(() => bannerTexts(incidents, announcements, now), [incidents, announcements, now]);
  const banner = bannerLines.length;
  const bodyTop = 1 + noticeLines;
  const bodyHeight = height - 2 - noticeLines - banner;
  // What a page moves and what fits, for the commands: recorded after drawing, never during it.
  useEffect(() => {
    ctx.store.update((s) => (s.viewport.width === width && s.viewport.bodyHeight === bodyHeight ? {} : { viewport: { width, bodyHeight } }));
  }, [ctx.store, width, bodyHeight]);
  useKeyDispatch(ctx);
  // The terminal cursor belongs to the composer (components/composer.tsx); unmounted, it hides it.

  const body = overlay ? (
    <Box height={bodyHeight} justifyContent="center" alignItems="center">
      <OverlayView overlay={overlay} commands={commands} width={width} height={bodyHeight} now={now} />
    </Box>
  ) : screen.name === 'queue' ? (
    <QueueScreen width={width} height={bodyHeight} now={now} />
  ) : screen.name === 'approvals' ? (
    <ApprovalsScreen width={width} height={bodyHeight} now={now} />
  ) : screen.name === 'desk' ? (
    <DeskScreen width={width} height={bodyHeight} now={now} />
  ) : screen.name === 'reports' ? (
    <ReportsScreen width={width} height={bodyHeight} />
  ) : screen.name === 'customer' ? (
    <CustomerScreen id={screen.id} width={width} height={bodyHeight} now={now} />
  ) : (
    <ConversationScreen id={screen.id} width={width} height={bodyHeight} top={bodyTop} now={now} />
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          support
        </Text>
        <Text dimColor> · {screenTitle(screen)} · profile {sanitize(profile, { multiline: false })}</Text>
      </Text>
      {notices.length ? (
        <Box flexDirection="column" borderStyle="single" borderColor={theme.warning} paddingX={1} width={width}>
          {notices.map((n, i) => (
            <Text key={i} color={theme.warning} wrap="truncate">
              {sanitize(n, { multiline: false })}
            </Text>
          ))}
        </Box>
      ) : null}
      {body}
      {banner ? <IncidentBanner lines={bannerLines} /> : null}
      <StatusBar width={width} now={now} hints={hints(commands, screen.name, composing, writingNote)} />
    </Box>
  );
}

/**
 * Ctrl+Z: hand the terminal back to the shell, stop, and repaint when continued (fg). The whole
 * foreground process group stops, as the terminal's own Ctrl+Z would stop it: under `npm start` or
 * `npx support` a wrapper (npm, sh) sits between the shell and us, and stopping only ourselves left the
 * shell waiting on the wrapper, with a blank terminal nobody reads. Pid 0 is our process group.
 */
function stopUntilContinued(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGCONT', () => resolve());
    process.kill(0, 'SIGTSTP');
  });
}

export function App({ store, actions, live = true, onExit }: { store: Store; actions: Actions; live?: boolean; onExit?: () => void }) {
  const { exit, suspendTerminal } = useApp();
  const ctx = useMemo<CommandContext>(
    () => ({
      store,
      actions,
      exit: () => {
        onExit?.();
        exit();
      },
      suspend: () => {
        // Only a real terminal can be handed back; under tests there is nothing to suspend to.
        if (process.stdin.isTTY && process.stdout.isTTY) void suspendTerminal(stopUntilContinued);
      },
      runInTerminal: async (command, env) => {
        // On a terminal, the command gets it: Ink lets go (raw mode off, the screen left), then redraws.
        if (!process.stdin.isTTY || !process.stdout.isTTY) return spawnShell(command, env);
        let code: number | null = null;
        // Handed over from inside Ink's handling of the key that asked for it, the terminal came back
        // without the workspace drawn again; after that handling returns, it is drawn.
        await new Promise((resolve) => setImmediate(resolve));
        await suspendTerminal(async () => {
          code = runShellInTerminal(command, env);
        });
        return code;
      },
      overlayOf: (overlay) => openOverlay(overlay).controller,
    }),
    [store, actions, exit, onExit, suspendTerminal],
  );
  useEffect(() => {
    // Subscribed first, so that nothing that happens while the queue loads is missed.
    if (live) actions.subscribeLive();
    void actions.loadQueue();
    actions.watchApprovals();
    void actions.loadIncidents();
    return () => actions.dispose();
  }, [actions, live]);
  return (
    <StoreContext.Provider value={store}>
      <Workspace ctx={ctx} />
    </StoreContext.Provider>
  );
}
