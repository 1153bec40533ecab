import type { QueueViewDef } from '../../api/queue-views.js';
import type { CommandSpec } from './keymap.js';

const VIEW_COMMAND = /^queue\.view([1-9])$/;
const SWITCHING = new Set(['queue.nextView', 'queue.previousView', 'queue.view0']);

/**
 * The keymap table with the queue views of the config file: view N's command is titled with its
 * name, commands for views not defined are left out, and without any view so are Tab and 0, so that
 * help and the palette list only what a key does.
 */
export function withViewCommands(commands: readonly CommandSpec[], views: readonly QueueViewDef[]): CommandSpec[] {
  return commands.flatMap((c) => {
    if (SWITCHING.has(c.id)) return views.length ? [c] : [];
    const match = VIEW_COMMAND.exec(c.id);
    if (!match) return [c];
    const view = views[Number(match[1]) - 1];
    return view ? [{ ...c, title: `View: ${view.name}` }] : [];
  });
}
