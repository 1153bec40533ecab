import { Box, Text } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import { displayWidth, fitToWidth } from '../../../api/text/width.js';
import { visibleOptions } from '../../dialogs/choice-filter.js';
import { isLastStep, stepOf } from '../../dialogs/engine.js';
import { definitionOf } from '../../dialogs/registry.js';
import type { DialogState } from '../../state/dialog-state.js';
import { withKeys } from '../../input/hints.js';
import { firstKey, type CommandId, type CommandSpec } from '../../input/keymap.js';
import { theme } from '../theme.js';

/** A dialog's current step, its error in place, and what Enter and Esc do there. */
export function DialogView({ dialog, width, height, commands }: { dialog: DialogState; width: number; height: number; commands: readonly CommandSpec[] }) {
  const step = stepOf(dialog);
  const title = definitionOf(dialog.type).title(dialog);
  const k = (id: CommandId) => firstKey(commands, id);
  const keys = (text: string) => withKeys(text, commands);
  // What Enter does here, in the words the dialog uses: on the last question it does the thing.
  const enter = `${k('overlay.accept')} ${isLastStep(dialog) ? (definitionOf(dialog.type).verb ?? 'confirms') : 'next'}`;
  const danger = step?.kind === 'confirm' && step.danger;
  const body = (() => {
    if (dialog.loading) return <Text dimColor>Loading…</Text>;
    if (!step) return null;
    if (step.kind === 'info') {
      return (
        <Box flexDirection="column">
          <Text bold>{keys(step.title)}</Text>
          {step.lines.map((l, i) => (
            <Text key={i} wrap="wrap">
              {sanitize(keys(l))}
            </Text>
          ))}
          <Text dimColor>{k('overlay.close')} closes</Text>
        </Box>
      );
    }
    if (step.kind === 'choice') {
      const options = visibleOptions(step, dialog.text.text);
      const visible = Math.max(1, height - (step.filter ? 8 : 6));
      const top = Math.max(0, Math.min(dialog.selected - visible + 1, options.length - visible));
      // Over all options, not only those the filter leaves, so the column does not move while typing.
      const amountWidth = Math.max(0, ...step.options.map((o) => (o.amount ? displayWidth(o.amount) : 0)));
      return (
        <Box flexDirection="column">
          <Text bold>{keys(step.title)}</Text>
          {step.filter ? (
            <Text wrap="truncate">
              <Text color={theme.accent}>› </Text>
              {dialog.text.text ? sanitize(dialog.text.text, { multiline: false }) : <Text dimColor>{step.filter.placeholder}</Text>}
              <Text inverse> </Text>
            </Text>
          ) : null}
          {step.filter ? (
            <Text dimColor>
              {options.length === step.options.length ? `${options.length} ${step.filter.noun}${options.length === 1 ? '' : 's'}` : `${options.length} of ${step.options.length} ${step.filter.noun}s match`}
            </Text>
          ) : null}
          {options.slice(top, top + visible).map((o, i) => {
            const isSelected = top + i === dialog.selected;
            return (
              <Text key={o.value} inverse={isSelected} wrap="truncate">
                {isSelected ? '▸ ' : '  '}
                {amountWidth ? `${fitToWidth(o.amount ?? '', amountWidth, 'right')}  ` : ''}
                {fitToWidth(sanitize(o.label, { multiline: false }), Math.max(10, width - 8 - (amountWidth ? amountWidth + 2 : 0) - (o.detail ? Math.min(30, o.detail.length + 2) : 0)))}
                {o.detail ? <Text dimColor> {sanitize(o.detail, { multiline: false })}</Text> : null}
              </Text>
            );
          })}
          <Text dimColor>{`${step.filter ? 'type to filter · ' : ''}${k('overlay.up')}/${k('overlay.down')} choose · ${enter} · ${k('overlay.close')} back`}</Text>
        </Box>
      );
    }
    if (step.kind === 'text') {
      return (
        <Box flexDirection="column">
          <Text bold>{keys(step.title)}</Text>
          <Text>
            <Text color={theme.accent}>› </Text>
            {/* A default shows selected: typing replaces it. */}
            <Text inverse={dialog.prefilled}>{sanitize(dialog.text.text, { multiline: false })}</Text>
            <Text inverse> </Text>
          </Text>
          <Text dimColor>
            {enter}
            {step.optional ? ' (may stay empty)' : ''}
            {dialog.prefilled ? ' · typing replaces the default' : ''} · {k('overlay.clearLine')} clears · {k('overlay.close')} back
          </Text>
        </Box>
      );
    }
    return (
      <Box flexDirection="column">
        <Text bold color={danger ? theme.danger : undefined}>
          {keys(step.title)}
        </Text>
        {step.lines.map((l, i) => (
          <Text key={i} wrap="wrap">
            {sanitize(keys(l))}
          </Text>
        ))}
        {step.loading ? <Text dimColor>Checking with the server…</Text> : null}
        {step.expect !== undefined ? (
          <Text>
            <Text color={theme.accent}>› </Text>
            {sanitize(dialog.text.text, { multiline: false })}
            <Text inverse> </Text>
          </Text>
        ) : null}
        <Text dimColor>{dialog.busy ? 'Working…' : `${k('overlay.accept')} ${step.expect !== undefined ? 'after typing it' : 'confirms'} · ${k('overlay.close')} back`}</Text>
      </Box>
    );
  })();
  return (
    <Box flexDirection="column" width={width} borderStyle="round" borderColor={danger ? theme.danger : theme.accent} paddingX={1}>
      <Text bold color={theme.accent}>
        {keys(title)}
      </Text>
      {body}
      {dialog.error ? (
        <Text color={theme.danger} wrap="wrap">
          {sanitize(dialog.error)}
        </Text>
      ) : null}
    </Box>
  );
}
