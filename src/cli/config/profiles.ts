import type Conf from 'conf';
import { readConfigFile } from './config-file.js';
import { configDir } from './paths.js';

export interface Profile {
  apiUrl: string;
  token?: string;
  email?: string;
  agentName?: string;
  role?: string;
  tokenExpiresAt?: string;
  /** Commands that change the desk are refused under this profile (support config set read-only true). */
  readOnly?: boolean;
}

interface ConfigFile {
  currentProfile: string;
  profiles: Record<string, Profile>;
  keymap?: unknown;
  theme?: unknown;
  views?: unknown;
  actions?: unknown;
}

export const DEFAULT_PROFILE = 'default';
export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

type ConfClass = typeof Conf<ConfigFile>;

/**
 * conf, loaded only to write, or here at once when the file cannot be read as it is: missing or
 * without its defaults, conf fills them in and writes them on the first read, as it always did.
 */
let ConfLoaded: ConfClass | undefined = readConfigFile() ? undefined : await loadConf();
let store: Conf<ConfigFile> | undefined;

async function loadConf(): Promise<ConfClass> {
  return (await import('conf')).default;
}

function openStore(Class: ConfClass): Conf<ConfigFile> {
  store ??= new Class({
    cwd: configDir(),
    configName: 'config',
    configFileMode: 0o600,
    defaults: { currentProfile: DEFAULT_PROFILE, profiles: {} },
    // Profile names may contain dots; keys are addressed as whole objects instead.
    accessPropertiesByDotNotation: false,
  });
  return store;
}

/** The config file (config.json, mode 0600: it holds tokens), through conf: for writing. */
export async function configStore(): Promise<Conf<ConfigFile>> {
  ConfLoaded ??= await loadConf();
  return openStore(ConfLoaded);
}

/**
 * What the config file holds: read directly, or through conf when the file is not as conf leaves it
 * (conf is then loaded). A file that stops being readable while a command runs reads as the defaults.
 */
function current(): ConfigFile {
  const plain = readConfigFile() as ConfigFile | undefined;
  if (plain) return plain;
  if (ConfLoaded) return openStore(ConfLoaded).store;
  return { currentProfile: DEFAULT_PROFILE, profiles: {} };
}

export function profileName(explicit?: string): string {
  return explicit || process.env['SUPPORT_PROFILE'] || current().currentProfile || DEFAULT_PROFILE;
}

export function readProfile(name: string): Profile | undefined {
  return current().profiles[name];
}

export async function writeProfile(name: string, profile: Profile): Promise<void> {
  const s = await configStore();
  s.set('profiles', { ...s.get('profiles'), [name]: profile });
}

export function listProfiles(): Record<string, Profile> {
  return current().profiles;
}

export async function setCurrentProfile(name: string): Promise<void> {
  (await configStore()).set('currentProfile', name);
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
  return current().keymap;
}

/** The queue views (`views` in config.json), as written: src/api/queue-views.ts checks them. */
export function readViewsConfig(): unknown {
  return current().views;
}

/** The custom actions (`actions` in config.json), as written: the workspace checks them entry by entry. */
export function readActionsConfig(): unknown {
  return current().actions;
}

/** The workspace's palette from the config file (`theme`: light or dark), unless SUPPORT_THEME says. */
export function readTheme(): string | undefined {
  const value = current().theme;
  return value === 'light' || value === 'dark' ? value : undefined;
}
