/**
 * An automatic answer (assist's answer to a simple question): a public reply whose author is the
 * system, not an agent. The customer received it; clients mark it so nobody takes it for a person's.
 */
export function isAutomaticAnswer(message: { kind: string; author: { type: string } }): boolean {
  return message.kind === 'reply' && message.author.type === 'system';
}
