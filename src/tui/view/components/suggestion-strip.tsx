import { Text } from 'ink';
import { sanitize } from '../../../api/text/sanitize.js';
import type { Suggestions } from '../../../api/types.js';
import { firstKey, type CommandId, type CommandSpec } from '../../input/keymap.js';
import { SHOWN_SUGGESTIONS } from '../../input/suggestions.js';
import type { LoadState } from '../../state/types.js';
import { theme } from '../theme.js';

const LANGUAGE_NAMES = { en: 'English', zh: 'Chinese', id: 'Indonesian' } as const;
const KEYS: CommandId[] = ['conversation.suggestion1', 'conversation.suggestion2', 'conversation.suggestion3'];
const one = (text: string) => sanitize(text, { multiline: false });

/** The lines the strip takes: none until suggestions are in (or when there are none, or they failed). */
export function suggestionStripHeight(entry: LoadState<Suggestions> | undefined): number {
  const shown = entry?.status === 'ready' ? Math.min(SHOWN_SUGGESTIONS, entry.data?.suggestions.length ?? 0) : 0;
  return shown ? shown + 1 : 0;
}

/**
 * Under the thread: the triage the server suggests (category, priority, language) and the three best
 * answers, each on its key. Texts are the desk's and past agents' words, shown through the sanitizer.
 */
export function SuggestionStrip({ entry, commands, width }: { entry: LoadState<Suggestions> | undefined; commands: readonly CommandSpec[]; width: number }) {
  if (!suggestionStripHeight(entry) || !entry?.data) return null;
  const { suggestions, category, priority, language, languageDetected } = entry.data;
  return (
    <>
      <Text dimColor wrap="truncate">
        {'─ suggested · '}
        {category.category.replace('_', ' ')} · {priority.priority} · {LANGUAGE_NAMES[language]}
        {languageDetected ? '' : ' (customer’s)'}
        {` · ${firstKey(commands, 'conversation.macro')} all macros `}
        {'─'.repeat(Math.max(0, width))}
      </Text>
      {suggestions.slice(0, SHOWN_SUGGESTIONS).map((s, i) => (
        <Text key={`${s.kind}-${s.id}`} wrap="truncate">
          <Text color={theme.accent} bold>
            {firstKey(commands, KEYS[i]!)}
          </Text>{' '}
          {s.kind === 'macro' ? <Text color={theme.accent}>/{one(s.shortcut ?? s.id)}</Text> : <Text dimColor>reply #{s.conversationId}</Text>}
          <Text dimColor> {Math.round(s.score * 100)}%</Text> {one(s.preview)}
        </Text>
      ))}
    </>
  );
}
