import type { Command } from 'commander';
import { usageError } from '../output/cli-error.js';
import { note, print, printJson, stdinIsTty } from '../output/terminal.js';
import type { GlobalOptions } from '../session.js';

interface LoginOptions {
  api?: string;
  email?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

async function askCredentials(options: LoginOptions): Promise<{ email: string; password: string }> {
  const { readStdin } = await import('../read-stdin.js');
  let email = options.email?.trim();
  let password: string | undefined;
  if (options.passwordStdin) {
    if (!email) throw usageError('--password-stdin needs --email');
    password = (await readStdin()).replace(/\r?\n$/, '');
    if (!password) throw usageError('no password on stdin');
  }
  if (!email || password === undefined) {
    if (!stdinIsTty()) throw usageError('not a terminal: pass --email and --password-stdin to log in from a script');
    const prompts = await import('@inquirer/prompts');
    email ??= (await prompts.input({ message: 'Email', required: true, validate: (v) => v.includes('@') || 'an email address has an @' })).trim();
    password ??= await prompts.password({ message: 'Password', mask: false });
  }
  return { email, password };
}

export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('Log in to a Support API and keep the token in a profile')
    .option('--api <url>', 'Support API URL (default: the profile’s, SUPPORT_API_URL, or http://127.0.0.1:4000)')
    .option('--email <email>', 'your email address')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .option('--json', 'print the logged-in agent as JSON')
    .addHelpText('after', '\nExamples:\n  $ support login --api https://support.example.com\n  $ printf %s "$PW" | support login --email lead@example.com --password-stdin --profile lead')
    .action(async (options: LoginOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { profileName, readProfile, writeProfile, setCurrentProfile, DEFAULT_API_URL } = await import('../config/profiles.js');
      const { anonymousClient } = await import('../session.js');
      const name = profileName(globals.profile);
      const apiUrl = (options.api || process.env['SUPPORT_API_URL'] || readProfile(name)?.apiUrl || DEFAULT_API_URL).replace(/\/+$/, '');
      if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw usageError(`"${apiUrl}" is not an http(s) URL`);
      const { email, password } = await askCredentials(options);
      const result = await anonymousClient(apiUrl).auth.login(email, password);
      await writeProfile(name, {
        apiUrl,
        token: result.token,
        email: result.agent.email,
        agentName: result.agent.name,
        role: result.agent.role,
        tokenExpiresAt: result.expiresAt,
        // Logging in again keeps the profile read-only.
        ...(readProfile(name)?.readOnly ? { readOnly: true } : {}),
      });
      if (!globals.profile && !process.env['SUPPORT_PROFILE']) await setCurrentProfile(name);
      if (options.json) return printJson({ profile: name, apiUrl, agent: result.agent, expiresAt: result.expiresAt });
      const { sanitize } = await import('../../api/text/sanitize.js');
      // An admin chose the name and email: one line each, whatever they hold.
      const line = (text: string) => sanitize(text, { multiline: false });
      note(`✓ Logged in to ${apiUrl} as ${line(result.agent.name)} <${line(result.agent.email)}> (${result.agent.role}); profile ${name}`);
    });

  program
    .command('logout')
    .description('Revoke the token on the server and forget it')
    .addHelpText('after', '\nExamples:\n  $ support logout\n  $ support --profile lead logout')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { profileName, readProfile, writeProfile } = await import('../config/profiles.js');
      const { SupportClient } = await import('../../client/support-client.js');
      const name = profileName(globals.profile);
      const profile = readProfile(name);
      if (!profile?.token) {
        note(`not logged in (profile ${name}); nothing to do`);
        return;
      }
      try {
        await new SupportClient({ baseUrl: profile.apiUrl, token: profile.token }).auth.logout();
      } catch (error) {
        const { isApiError } = await import('../../client/errors.js');
        // An expired or revoked token is already logged out; anything else is worth a warning.
        if (!isApiError(error) || (error.code !== 'unauthenticated' && error.code !== 'token_expired')) {
          note(`warning: could not revoke the token on the server (${error instanceof Error ? error.message : String(error)}); it is forgotten here`);
        }
      }
      const { token: _token, tokenExpiresAt: _expires, ...rest } = profile;
      await writeProfile(name, rest);
      note(`✓ Logged out of ${profile.apiUrl} (profile ${name})`);
    });

  program
    .command('whoami')
    .description('Show who the current token belongs to')
    .addHelpText('after', '\nExamples:\n  $ support whoami\n  $ support whoami --json=email,role')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { authenticatedClient } = await import('../session.js');
      const { resolveCredentials } = await import('../config/profiles.js');
      const client = authenticatedClient(globals);
      const me = await client.me.get();
      if (options.json) {
        printJson({ ...me, apiUrl: client.baseUrl, profile: resolveCredentials(globals.profile).profile });
        return;
      }
      const { sanitize } = await import('../../api/text/sanitize.js');
      print(
        `${sanitize(me.agent.name, { multiline: false })} <${sanitize(me.agent.email, { multiline: false })}>\n` +
          `role ${me.agent.role}, ${me.agent.availability}\n` +
          `${client.baseUrl} (profile ${resolveCredentials(globals.profile).profile}, token expires ${me.tokenExpiresAt})`,
      );
    });
}
