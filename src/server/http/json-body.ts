import type { FastifyInstance } from 'fastify';
import { ProblemError } from '../domain/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bounds no request of this API comes near (its lists hold at most a few dozen items, it nests five
 * levels), checked before a validator walks the body: validators recurse (20,000 levels overflow
 * their stack) and report a list's duplicates pair by pair (200,000 equal tags held the event loop
 * for minutes).
 */
export const MAX_BODY_DEPTH = 32;
export const MAX_LIST_ITEMS = 1000;

/** Why a parsed body's shape is refused, or null (iterative: no recursion to overflow). */
function shapeProblem(value: unknown): string | null {
  let level: unknown[] = [value];
  for (let depth = 0; level.length; depth++) {
    if (depth > MAX_BODY_DEPTH) return `the body nests deeper than ${MAX_BODY_DEPTH} levels of arrays and objects`;
    const next: unknown[] = [];
    for (const node of level) {
      if (!node || typeof node !== 'object') continue;
      if (Array.isArray(node) && node.length > MAX_LIST_ITEMS) return `a list in the body holds more than ${MAX_LIST_ITEMS} items`;
      for (const child of Object.values(node)) next.push(child);
    }
    level = next;
  }
  return null;
}

/**
 * JSON bodies are UTF-8 (RFC 8259). Fastify's own parser decodes with replacement characters, so a
 * byte that is not UTF-8 would be stored as U+FFFD without anyone knowing; here it is refused (400)
 * and the text is then parsed by Fastify's parser, prototype-poisoning checks included.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new ProblemError('malformed_json', 'the body is not valid UTF-8: send JSON as UTF-8 text'), undefined);
      return;
    }
    parseJson(request, text, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const problem = shapeProblem(value);
      if (problem) return done(new ProblemError('validation_failed', problem), undefined);
      done(null, value);
    });
  });
}
