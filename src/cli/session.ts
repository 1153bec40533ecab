import type { HttpOptions } from '../client/http.js';
import { SupportClient } from '../client/support-client.js';
import { resolveCredentials } from './config/profiles.js';
import { CliError } from './output/cli-error.js';
import { EXIT } from './output/exit-codes.js';
import { readOnlyReason } from './read-only.js';

export interface GlobalOptions {
  profile?: string;
  readOnly?: boolean;
}

declare const SUPPORT_VERSION: string | undefined;
export const USER_AGENT = `support-terminal/${typeof SUPPORT_VERSION === 'string' ? SUPPORT_VERSION : 'dev'}`;

/** A client for the current profile, or exit 4 with how to log in. */
export function authenticatedClient(options: GlobalOptions, http: Pick<HttpOptions, 'bulk'> = {}): SupportClient {
  const creds = resolveCredentials(options.profile);
  if (!creds.token) {
    throw new CliError(
      `not logged in (profile ${creds.profile}): run \`support login --api ${creds.apiUrl}\`, or \`support demo\` to try it`,
      EXIT.auth,
    );
  }
  // Behind the command table's check (read-only.ts), the client itself sends nothing but reads.
  const readOnly = readOnlyReason(options) !== undefined;
  return new SupportClient({ baseUrl: creds.apiUrl, token: creds.token, userAgent: USER_AGENT, ...http, ...(readOnly ? { readOnly } : {}) });
}

export function anonymousClient(apiUrl: string): SupportClient {
  return new SupportClient({ baseUrl: apiUrl, userAgent: USER_AGENT });
}
