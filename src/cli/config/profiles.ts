import Conf from 'conf';
import { configDir } from './paths.js';

export interface Profile {
  apiUrl: string;
  token?: string;
  email?: string;
  agentName?: string;
  role?: string;
  tokenExpiresAt?: string;
}

interface ConfigFile {
  currentProfile: string;
  profiles: Record<string, Profile>;
}

export const DEFAULT_PROFILE = 'default';
export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

let store: Conf<ConfigFile> | undefined;

/** The config file (config.json, mode 0600: it holds tokens). */
export function configStore(): Conf<ConfigFile> {
  store ??= new Conf<ConfigFile>({
    cwd: configDir(),
    configName: 'config',
    configFileMode: 0o600,
    defaults: { currentProfile: DEFAULT_PROFILE, profiles: {} },
    // Profile names may contain dots; keys are addressed as whole objects instead.
    accessPropertiesByDotNotation: false,
  });
  return store;
}

export function profileName(explicit?: string): string {
  return explicit || process.env['SUPPORT_PROFILE'] || configStore().get('currentProfile') || DEFAULT_PROFILE;
}

export function readProfile(name: string): Profile | undefined {
  return configStore().get('profiles')[name];
}

export function writeProfile(name: string, profile: Profile): void {
  const s = configStore();
  s.set('profiles', { ...s.get('profiles'), [name]: profile });
}

export function listProfiles(): Record<string, Profile> {
  return configStore().get('profiles');
}

export function setCurrentProfile(name: string): void {
  configStore().set('currentProfile', name);
}

export interface Credentials {
  profile: string;
  apiUrl: string;
  token: string | undefined;
  /** Where each value came from, for messages: "SUPPORT_TOKEN", "profile default". */
  tokenSource: string;
}

/** Environment wins over the file: SUPPORT_API_URL, SUPPORT_TOKEN, SUPPORT_PROFILE. */
export function resolveCredentials(explicitProfile?: string): Credentials {
  const profile = profileName(explicitProfile);
  const envUrl = process.env['SUPPORT_API_URL'];
  const envToken = process.env['SUPPORT_TOKEN'];
  const stored = envUrl && envToken ? undefined : readProfile(profile);
  return {
    profile,
    apiUrl: envUrl || stored?.apiUrl || DEFAULT_API_URL,
    token: envToken || stored?.token,
    tokenSource: envToken ? 'SUPPORT_TOKEN' : `profile ${profile}`,
  };
}

/** The user's key remapping (`keymap` in config.json); the workspace checks it entry by entry. */
export function readKeymapOverrides(): unknown {
  return (configStore() as unknown as Conf<ConfigFile & { keymap?: unknown }>).get('keymap');
}

/** The workspace's palette from the config file (`theme`: light or dark), unless SUPPORT_THEME says. */
export function readTheme(): string | undefined {
  const value = (configStore() as unknown as Conf<ConfigFile & { theme?: unknown }>).get('theme');
  return value === 'light' || value === 'dark' ? value : undefined;
}
