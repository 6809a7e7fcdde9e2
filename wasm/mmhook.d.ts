// Type declarations of the mmhook public contract (spec/api.md). Checked by tests/js/types.test.mjs with tsc --strict.

export interface CreateOptions {
  /** The bytes of mmhook.wasm; if absent they are found beside the module (or inlined in the single-file build). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** The bytes of mmhook-tools.wasm (the command module); if absent, as for wasmBinary, when first needed. */
  toolsWasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * The platforms whose checks must work synchronously right after createMmhook() in a browser (default ['web']). The
   * mobile dialect (cmark-gfm) is in the tools module: naming 'mobile' makes a browser fetch it during createMmhook();
   * otherwise a browser's mobile check needs `await mm.loadCommands()` first (else it throws an Error naming
   * loadCommands). In Node every platform works at once (a mobile check starts the tools module synchronously).
   */
  platforms?: Platform[];
}

export function createMmhook(options?: CreateOptions): Promise<Mmhook>;
export default createMmhook;

/** make_command's targets, in the order the page offers them (core/include/mmhook/shells.def); no createMmhook() needed. */
export declare const shells: readonly ShellTarget[];
export interface ShellTarget {
  id: ShellId;
  /** The name the page shows, e.g. 'bash / zsh'. */
  label: string;
  /** Other names command() accepts for this target. */
  aliases: readonly Shell[];
}
/** The targets' ids. Checked against shells.def by tests/js/shells.test.mjs. */
export type ShellId = 'posix' | 'powershell' | 'cmd' | 'powershell-irm' | 'httpie' | 'wget' | 'fetch' | 'python';
/** Every name command() and restFollowUp() accept: the ids and the aliases of 'posix'. */
export type Shell = ShellId | 'bash' | 'sh' | 'zsh';

export interface Mmhook {
  readonly version: { mmhook: string; cmarkGfm: string; simdjson: string };
  check(body: string | Uint8Array, request?: CheckRequest): Report;
  /**
   * Loads the command module, mmhook-tools.wasm (command, commandDetails, parseCommand, simulateAction,
   * applyActionResponse, checkDialog, restFollowUp) and the mobile dialect (check with platform 'mobile'). A browser's
   * createMmhook() starts it only when given {platforms: ['web', 'mobile']}; web checks never need it.
   * Browsers must await it before the first of those calls, which otherwise throw an Error naming loadCommands.
   * In Node it is optional: the first call starts the module synchronously from the file beside the library.
   * Resolves once; later calls resolve at once. Offline builds (mmhook.single.mjs, dist/mmhook.html, the embed) inline
   * the complete module and need no load (it resolves at once).
   */
  loadCommands(): Promise<void>;
  /** A copy-paste command that delivers `body` byte for byte to options.url. Throws TypeError for bad arguments. */
  command(body: string | Uint8Array, options: CommandOptions): string;
  /** The same command plus notes on it (bad URL, chosen multi-line form, ...). */
  commandDetails(body: string | Uint8Array, options: CommandOptions): { command: string; diagnostics: Diagnostic[] };
  /** Reads a pasted curl command back into the request it sends; what it cannot know is a diagnostic. */
  parseCommand(text: string): ParsedCommand;
  /**
   * The click on a button or menu of the webhook post `body` creates: the HTTP request Mattermost v11.6 would POST to
   * the action's integration.url (ids are marked placeholders unless options.context gives them), or the click API's
   * failure (status/error). Diagnostics: positions into `body`. Throws TypeError for bad arguments.
   */
  simulateAction(body: string | Uint8Array, options: ActionClickOptions): ActionSimulation;
  /**
   * The integration answered `responseJson` (its HTTP body) to a click: posts[0] is the post after `update`, posts[1]
   * the ephemeral reply (type 'system_ephemeral') if any; status/error are the click API's answer. Positions into
   * `responseJson`. Without options.actionId the answer applies to post options.postIndex (default 0).
   */
  applyActionResponse(body: string | Uint8Array, responseJson: string, options?: Partial<ActionClickOptions>): Report;
  /** Checks an interactive-dialog open request (POST /api/v4/actions/dialogs/open) and draws the dialog. */
  checkDialog(openRequestJson: string, options?: DialogOptions): DialogCheck;
  /**
   * The REST API follow-up: for the post the webhook `body` creates, the POST <serverUrl>/api/v4/posts request a bot
   * sends with its access token (channel_id instead of a channel name, attachments in props.attachments, priority in
   * metadata.priority, no webhook-only props), the command that sends it in options.shell, and what differs from the
   * webhook (diagnostics with positions into `body`, plus notes). The token is read from $MM_TOKEN (options.tokenEnv)
   * by the command unless options.token is given; mmhook never stores it. Throws TypeError for bad arguments.
   */
  restFollowUp(body: string | Uint8Array, options?: RestFollowUpOptions): RestFollowUp;
}

export interface RestFollowUpOptions {
  /** The site URL, e.g. 'https://chat.example.com' (a trailing /api/v4 is dropped). Absent: a marked placeholder. */
  serverUrl?: string;
  /** The channel's 26-character id. Absent: the placeholder 'mmhookchannelidplaceholder' and a warning. */
  channelId?: string;
  /** Post as a reply under this post id. */
  rootId?: string;
  /**
   * A bot or personal access token, written into the command and request as given (26 letters and digits; anything
   * else is refused). Absent (the safe default): the command reads it from the environment variable tokenEnv.
   */
  token?: string;
  /** The environment variable holding the token (default 'MM_TOKEN'). */
  tokenEnv?: string;
  /** As in command() (default 'posix'). */
  shell?: CommandOptions['shell'];
  /** Which post of check()'s report (default 0; a split webhook body creates several). */
  postIndex?: number;
  /** Also send from_webhook/override_* props as the webhook stores them, so the post looks the same (default false). */
  keepWebhookProps?: boolean;
  /** As in check(): how the webhook body was sent (default 'application/json'). */
  contentType?: string | null;
  query?: string | null;
  settings?: CheckRequest['settings'];
}

export interface RestFollowUp {
  /** Headers: Authorization ('Bearer <token>' or 'Bearer $MM_TOKEN') and Content-Type. null: no such post. */
  request: HttpRequest | null;
  /** The command for options.shell ('' when request is null). */
  command: string;
  diagnostics: Diagnostic[];
  /** What always differs from a webhook (authentication, the 201 answer, authorship, limits, the token's handling). */
  notes: string[];
}

export interface SimulatedContext {
  userId: string;        // default "mmhooksimulateduser0000000"
  userName: string;      // default "simulated-user"
  channelId: string;
  channelName: string;   // default: the post's channel
  teamId: string;
  teamDomain: string;
  postId: string;
  /** ServiceSettings.SiteURL: plugin URLs on it get the session token. */
  siteUrl: string;
  /** ServiceSettings.AllowedUntrustedInternalConnections (hosts or CIDRs, space/comma separated). */
  allowedUntrustedInternalConnections: string;
  /** ServiceSettings.OutgoingIntegrationRequestsTimeout (default 30). */
  outgoingTimeoutSeconds: number;
}

export interface ActionClickOptions {
  actionId: string;
  /** Which post of check()'s report (default 0). */
  postIndex?: number;
  /** A menu's picked option value (users/channels menus: the id). */
  selectedOption?: string;
  /** The click's time (e.g. Date.now()), written into the trigger_id; its dialog then expires 30 s later (default 0). */
  nowMillis?: number;
  /** The integration's earlier answer to a click on this post: applied first, so the click goes to the updated post. */
  afterResponse?: string;
  context?: Partial<SimulatedContext>;
  /** As in check(): how the webhook body was sent (default 'application/json'). */
  contentType?: string | null;
  query?: string | null;
  settings?: CheckRequest['settings'];
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** JSON text, byte for byte as Mattermost marshals it. */
  body: string;
}

export interface ActionSimulation {
  /** The click API's answer: 200, or 404/400 when the click fails; 0 when there is no such post. */
  status: number;
  error: null | { id: string; message: string; detailed_error: string };
  /** What reaches integration.url; null when the server stops before calling it. */
  request: HttpRequest | null;
  diagnostics: Diagnostic[];
}

export interface DialogOptions {
  /** What the user enters: element name -> string | number | boolean | string[] | null (else the defaults). */
  values?: Record<string, string | number | boolean | string[] | null>;
  /** The integration's HTTP body answering the submission. */
  response?: string;
  /** Now (e.g. Date.now()), for the trigger's 30 s lifetime and relative dates (unchecked when absent). */
  nowMillis?: number;
  /**
   * Which web-app renderer: 'apps' (default; the v11.6 Apps-form modal) or 'legacy' (InteractiveDialog, feature flag
   * InteractiveDialogAppsForm off): five drawn types, min_length and radio checks, every element submitted, plain-text errors.
   */
  look?: 'apps' | 'legacy';
  context?: Partial<SimulatedContext>;
}

export interface DialogCheck {
  /** The open request is accepted (200). */
  ok: boolean;
  status: number;
  error: null | { id: string; message: string; detailed_error: string };
  /** Positions into openRequestJson; paths "/values/..." and "/response/..." refer to the options. */
  diagnostics: Diagnostic[];
  /** The dialog as the v11.6 web app draws it: safe HTML (static, controls disabled). */
  html: string;
  /** The request the dialog url receives on Submit; null when the web app blocks submitting or the URL cannot work. */
  submission: HttpRequest | null;
  /** With notify_on_cancel: the request Cancel sends (cancelled: true, submission {}); its answer is ignored. */
  cancel: HttpRequest | null;
  /** With options.response: what the dialog does ("closes", "stays open ...", "is replaced by the new form ..."). */
  outcome: string | null;
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
  /** A target's id (see `shells`) or an alias of it. */
  shell: Shell;
  /** json (default): Content-Type application/json, body as is; form: payload=<urlencoded body>. */
  encoding?: 'json' | 'form';
  /** The Content-Type to send instead of the encoding's (e.g. 'application/json; charset=utf-8'); null or '' = none. */
  contentType?: string | null;
}
