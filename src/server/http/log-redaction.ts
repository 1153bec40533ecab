import type { FastifyServerOptions } from 'fastify';

const REDACTED = '[REDACTED]';

// Each pattern stops at `"` and `\`, so that a redacted JSON log line is still valid JSON.
const RULES: [RegExp, string][] = [
  // Our own tokens (sup_ + 43 base64url characters), wherever they turn up: URL, header, message.
  [/\bsup_[A-Za-z0-9_-]{16,}/g, `sup_${REDACTED}`],
  // Authorization header values.
  [/\b(Bearer|Basic|Token)(\s+)[^\s"\\,]+/gi, `$1$2${REDACTED}`],
  // Query parameters that carry a credential: ?token=, access_token=, api_key=, password=, sig=…
  [/([?&;][\w.-]*(?:token|key|secret|passw|pwd|auth|session|signature|sig|credential)[\w.-]*=)[^&#\s"\\]*/gi, `$1${REDACTED}`],
  // Credentials in a URL's user-info: postgres://user:password@host.
  [/(\/\/[^/\s"\\@:]+:)[^/\s"\\@]+@/g, `$1${REDACTED}@`],
];

/** A log line with every credential in it replaced. */
export function redactCredentials(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

type LoggerOption = FastifyServerOptions['logger'];

/**
 * The server's logger, whatever its level and destination, writes each line through
 * redactCredentials: a token in a query string or a header is never logged as itself, whichever
 * serializer or log call put it there.
 */
export function loggerOptions(logger: LoggerOption): LoggerOption {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  const earlier = base.hooks?.streamWrite;
  return { ...base, hooks: { ...base.hooks, streamWrite: (line: string) => redactCredentials(earlier ? earlier(line) : line) } };
}
