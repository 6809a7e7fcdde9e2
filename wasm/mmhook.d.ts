// Type declarations of the mmhook public contract (spec/api.md). Checked by tests/js/types.test.mjs with tsc --strict.

export interface CreateOptions {
  /** The bytes of mmhook.wasm; if absent they are found beside the module (or inlined in the single-file build). */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export function createMmhook(options?: CreateOptions): Promise<Mmhook>;
export default createMmhook;

export interface Mmhook {
  readonly version: { mmhook: string; cmarkGfm: string; simdjson: string };
  check(body: string | Uint8Array, request?: CheckRequest): Report;
  /** A copy-paste command that delivers `body` byte for byte to options.url. Throws TypeError for bad arguments. */
  command(body: string | Uint8Array, options: CommandOptions): string;
  /** The same command plus notes on it (bad URL, chosen multi-line form, ...). */
  commandDetails(body: string | Uint8Array, options: CommandOptions): { command: string; diagnostics: Diagnostic[] };
  /** Reads a pasted curl command back into the request it sends; what it cannot know is a diagnostic. */
  parseCommand(text: string): ParsedCommand;
}

export interface ParsedCommand {
  url: string;                 // "" when none was found
  contentType: string | null;  // the Content-Type curl would send; null = none
  body: string;                // the exact body curl would send
  diagnostics: Diagnostic[];   // positions into `text`
}

export interface CheckRequest {
  /** The Content-Type header as sent; null/absent = no header. */
  contentType?: string | null;
  /** The hook URL's query string (with or without "?"): form requests may carry payload= there. */
  query?: string | null;
  settings?: Partial<Omit<ServerSettings, 'hook'>> & { hook?: Partial<HookSettings> };
  /**
   * Whose view `posts[].html` shows (default 'web'): 'web' = the web and desktop apps (Mattermost's marked fork),
   * 'mobile' = the mobile app (@mattermost/commonmark). Any other value adds an `options.platform` warning and
   * shows the web view.
   */
  platform?: Platform | null;
}

export type Platform = 'web' | 'mobile';

export interface HookSettings {
  displayName: string;
  creator: string;
  channel: string;
  channelLocked: boolean;
  username: string;
  iconUrl: string;
}

export interface ServerSettings {
  /**
   * Mattermost's EnablePostUsernameOverride (default false). Give it (true or false) when you know your server's value:
   * an ignored `username` is then the warning `override.username_off`. Left out, the default is assumed and the same
   * code is an info that says what the post shows.
   */
  enablePostUsernameOverride: boolean;
  enablePostIconOverride: boolean;
  maxPostSize: number;
  maximumPayloadSizeBytes: number;
  enableLatex: boolean;
  enableInlineLatex: boolean;
  enableSvgs: boolean;
  customUrlSchemes: string[];
  minimumHashtagLength: number;
  postPriority: boolean;
  /** Incoming webhooks enabled on the server (default true); off: every call answers 501. */
  enableIncomingWebhooks: boolean;
  /** Fill detailed_error as with EnableDeveloper on (default true in mmhook, so the inner error is visible). */
  enableDeveloper: boolean;
  /** Optional directory: channel names of the hook's team. Absent/null = unknown (well-formed names are assumed to exist). */
  knownChannels: string[] | null;
  /** Optional directory: usernames that exist. Absent/null = unknown. */
  knownUsers: string[] | null;
  hook: HookSettings;
}

export interface Report {
  ok: boolean;
  status: number;
  error: null | { id: string; message: string; detailed_error: string };
  diagnostics: Diagnostic[];
  posts: Post[];
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  path: string;
  offset: number;
  line: number;
  column: number;
}

export interface Post {
  channel: string;
  message: string;
  type: string;
  props: Record<string, unknown>;
  priority: null | { priority: string; requested_ack?: boolean; persistent_notifications?: boolean };
  username: string;
  botTag: boolean;
  /**
   * The avatar image the web app loads (null = the creator's own picture). With icon_emoji naming a system emoji this
   * is the emoji's image, /static/emoji/<code points>.png, which the server puts in place of any icon URL
   * (props.override_icon_url keeps the stored URL).
   */
  iconUrl: string | null;
  iconEmoji: string | null;
  /** Icon override is on and no icon was given: the web app shows the default webhook logo (iconUrl stays null). */
  webhookLogo: boolean;
  html: string;
}

export interface CommandOptions {
  /** The webhook URL: the secret. Used exactly as given, never logged. */
  url: string;
  /** The contract's shells, plus extra targets: 'powershell-irm' (Invoke-RestMethod), 'httpie', 'wget', 'fetch', 'python'. */
  shell: 'posix' | 'powershell' | 'cmd' | 'bash' | 'sh' | 'zsh' | 'powershell-irm' | 'httpie' | 'wget' | 'fetch' | 'python';
  /** json (default): Content-Type application/json, body as is; form: payload=<urlencoded body>. */
  encoding?: 'json' | 'form';
  /** The Content-Type to send instead of the encoding's (e.g. 'application/json; charset=utf-8'); null or '' = none. */
  contentType?: string | null;
}
