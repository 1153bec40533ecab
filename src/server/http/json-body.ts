import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
    parseJson(request, text, done);
  });
}
