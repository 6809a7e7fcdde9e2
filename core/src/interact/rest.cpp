// The REST API follow-up: the POST /api/v4/posts request a bot sends for a webhook post, and the command that sends it.
// Server rules (Mattermost v11.6): api4/post.go createPost (JSON model.Post, 201 + the post), app/post.go
// CreatePostAsUser/CreatePost, model/post.go IsValid/ContainsIntegrationsReservedProps, app/post_permission_utils.go.
#include "mmhook/rest.h"

#include <string>

#include "command/shell_targets.h"
#include "decode/json_parse.h"
#include "interact/common.h"

namespace mmhook {
namespace {

using interact::clip;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// model.IsValidId: 26 letters and digits.
bool valid_id(std::string_view s) {
  if (s.size() != 26) return false;
  for (char c : s)
    if (!is_alnum(c)) return false;
  return true;
}

bool valid_env_name(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '_') return false;
  return true;
}

// For messages: at most 80 code points, controls shown as '?'.
std::string shown(std::string_view s) {
  std::string out = clip(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return out;
}

bool iprefix(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != p[i]) return false;
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The server URL as written into the request, or the placeholder with a diagnostic. Only plain URL characters pass:
// no quote, space, control, '!', '$', '`', '?', '#', so no shell of the command panel can read anything into it.
std::string server_base(std::string_view url, Diagnostics& diags) {
  if (url.empty()) {
    diags.add(Code::rest_server_url_missing, "", 0);
    return std::string(kRestServerPlaceholder);
  }
  std::string why;
  const bool https = iprefix(url, "https://");
  if (!https && !iprefix(url, "http://")) why = "is not an http:// or https:// URL";
  for (std::size_t i = 0; i < url.size() && why.empty(); ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7F) why = "has a space or control character at byte " + std::to_string(i);
    else if (!(is_alnum(url[i]) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '%' ||
               c == '[' || c == ']' || c == '@'))
      why = c < 0x80 ? std::string("has the character '") + url[i] + "', which is not written into commands"
                     : "has a character outside ASCII (write the host in its xn-- form)";
  }
  const std::size_t host_at = https ? 8 : 7;
  if (why.empty() && (url.size() <= host_at || url[host_at] == '/')) why = "has no host";
  if (!why.empty()) {
    diags.add(Code::rest_server_url_invalid, "", 0, {"\"" + shown(url) + "\"", why});
    return std::string(kRestServerPlaceholder);
  }
  std::string base(url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  for (std::string_view tail : {std::string_view("/api/v4/posts"), std::string_view("/api/v4")}) {
    if (base.size() > host_at + tail.size() && ends_with(base, tail)) {
      diags.add(Code::rest_server_url_path, "", 0, {tail});
      base.resize(base.size() - tail.size());
      while (!base.empty() && base.back() == '/') base.pop_back();
      break;
    }
  }
  return base;
}

// The top-level member `name` of the webhook body (Go's case-insensitive match) with its path and offset.
struct Field {
  const json::Value* value = nullptr;
  std::string path;
  std::size_t offset = 0;
};
Field field_of(const json::Value& root, std::string_view name) {
  Field f;
  const json::Member* m = nullptr;
  f.value = interact::go_field(root, name, &m);
  if (f.value && m) {
    f.path = "/" + pointer_token(m->key);
    f.offset = f.value->offset;
  }
  return f;
}

constexpr std::string_view kWebhookOnlyProps[] = {"from_webhook", "webhook_display_name", "override_username",
                                                  "override_icon_url", "override_icon_emoji"};

std::vector<std::string> always_notes(std::string_view env, bool inline_token) {
  std::vector<std::string> n;
  n.push_back(
      "Authenticate with Authorization: Bearer <token>: a bot account's access token (System Console > "
      "Integrations > Bot Accounts, or mmctl token generate) or a personal access token. The server answers "
      "201 Created with the new post as JSON (its id, create_at, props with from_bot \"true\" for a bot); "
      "401 for a missing or wrong token, 403 when the bot may not post in the channel (add it to the team and "
      "channel), 400 for an invalid body.");
  n.push_back(
      "The post is the bot's: its display name, profile image and BOT tag. The REST API writes no "
      "from_webhook or webhook_display_name prop and honours username/icon overrides only as the props "
      "override_username/override_icon_url on a post marked from_webhook \"true\" (with the override settings on).");
  n.push_back(
      "The REST API does no Slack translation: the message and attachments here are already as the webhook "
      "path converts them (<!channel> to @channel, <url|text> to Markdown links).");
  n.push_back(
      "Limits: the message at most MaxPostSize runes (16383 by default) and the props at most 800000 runes, "
      "else 400; nothing is split. type may be \"\", slack_attachment or custom_*; system_* is answered 400. "
      "Buttons work as for a webhook post: the server fills missing action ids and keeps integration server-side.");
  if (inline_token)
    n.push_back("The token is inside the command and request: do not share or commit them.");
  else
    n.push_back("The command reads the token from the environment variable " + std::string(env) +
                " (POSIX: read -rs " + std::string(env) + " && export " + std::string(env) + "; PowerShell: $env:" +
                std::string(env) + " = Read-Host; cmd.exe: set /p " + std::string(env) +
                "=), so it never lands in shell history; mmhook never stores it.");
  return n;
}

}  // namespace

namespace {

// The channel as an id only (the REST API takes no names); advice on the webhook's channel name and root_id.
std::string rest_channel_id(const json::Value& root, const Post& post, const RestOptions& options, Diagnostics& diags) {
  Field channel = field_of(root, "channel");
  std::string channel_id = options.channel_id;
  if (channel_id.empty()) {
    channel_id = std::string(kRestChannelPlaceholder);
    diags.add(Code::rest_channel_id_missing, channel.path, channel.offset, {shown(post.channel)});
  } else if (!valid_id(channel_id)) {
    diags.add(Code::rest_channel_id_invalid, "", 0, {shown(channel_id)});
  }
  if (channel.value && channel.value->is_string() && !channel.value->text.empty()) {
    const bool dm = channel.value->text.front() == '@';
    diags.add(Code::rest_channel_name, channel.path, channel.offset,
              {shown(channel.value->text),
               dm ? "; for a direct message, POST /api/v4/channels/direct with [bot user id, user id] returns the channel and its id"
                  : ""});
  }
  if (!options.root_id.empty() && !valid_id(options.root_id))
    diags.add(Code::rest_root_id_invalid, "", 0, {shown(options.root_id)});

  return channel_id;
}

// The token is written only when it is a plain token; otherwise the command reads the environment variable.
struct RestToken {
  std::string token, env;
};
RestToken rest_token(const RestOptions& options, Diagnostics& diags) {
  std::string env = options.token_env;
  if (!valid_env_name(env)) {
    diags.add(Code::rest_token_env_invalid, "", 0, {shown(env)});
    env = "MM_TOKEN";
  }
  std::string token = options.token.value_or("");
  if (!token.empty()) {
    bool plain = true;
    for (char c : token) plain = plain && is_alnum(c);
    if (!plain) {
      diags.add(Code::rest_token_invalid, "", 0, {"has characters other than letters and digits", env});
      token.clear();
    } else {
      if (token.size() != 26) diags.add(Code::rest_token_shape, "", 0, {std::to_string(token.size())});
      diags.add(Code::rest_token_inline, "", 0, {env});
    }
  }

  return RestToken{std::move(token), std::move(env)};
}

// The props as sent over REST: the webhook-only props dropped unless kept; advice on ignored overrides.
json::Value rest_props(const json::Value& root, const Post& post, const RestOptions& options, Diagnostics& diags) {
  if (Field f = field_of(root, "username"); f.value && f.value->is_string() && !f.value->text.empty())
    diags.add(Code::rest_username_ignored, f.path, f.offset, {shown(f.value->text)});
  for (std::string_view name : {std::string_view("icon_url"), std::string_view("icon_emoji")}) {
    if (Field f = field_of(root, name); f.value && f.value->is_string() && !f.value->text.empty())
      diags.add(Code::rest_icon_ignored, f.path, f.offset, {name});
  }
  json::Value props = detail::deep_copy(post.props);
  std::string listed;
  for (std::string_view k : kWebhookOnlyProps) {
    if (!props.find(k)) continue;
    listed += (listed.empty() ? "" : ", ") + std::string(k);
    if (!options.keep_webhook_props) props.erase(k);
  }
  if (!listed.empty())
    diags.add(options.keep_webhook_props ? Code::rest_webhook_props_kept : Code::rest_webhook_props_dropped, "", 0, {listed});

  return props;
}

// Priority moves to metadata.priority and meets the REST API's checks; a split webhook post is one request per part.
void advise_priority_and_split(const json::Value& root, const Report& rep, const Post& post, const CheckRequest& req,
                               const RestOptions& options, Diagnostics& diags) {
  if (post.priority) {
    Field f = field_of(root, "priority");
    diags.add(Code::rest_priority_metadata, f.path, f.offset);
    if (!options.root_id.empty()) diags.add(Code::rest_priority_reply, f.path, f.offset);
    if (post.priority->persistent_notifications.value_or(false) && post.priority->priority != "urgent")
      diags.add(Code::rest_priority_persistent, f.path, f.offset, {shown(post.priority->priority)});
  }
  if (rep.posts.size() > 1)
    diags.add(Code::rest_split, "", 0,
              {std::to_string(rep.posts.size()), std::to_string(options.post_index), std::to_string(req.settings.max_post_size)});
}

// The body, in model.Post's JSON names. Consumes props.
std::string rest_body(const Post& post, const std::string& channel_id, const RestOptions& options, json::Value& props) {
  std::string json = "{\"channel_id\":";
  json::write_string(json, channel_id);
  if (!options.root_id.empty()) {
    json += ",\"root_id\":";
    json::write_string(json, options.root_id);
  }
  json += ",\"message\":";
  json::write_string(json, post.message);
  if (!post.type.empty()) {
    json += ",\"type\":";
    json::write_string(json, post.type);
  }
  if (props.is_object() && !props.object.empty()) {
    json += ",\"props\":";
    json::write_to(json, props);
  }
  detail::dismantle(props);
  if (post.priority) {
    json += ",\"metadata\":{\"priority\":{\"priority\":";
    json::write_string(json, post.priority->priority);
    if (post.priority->requested_ack) json += std::string(",\"requested_ack\":") + (*post.priority->requested_ack ? "true" : "false");
    if (post.priority->persistent_notifications)
      json += std::string(",\"persistent_notifications\":") + (*post.priority->persistent_notifications ? "true" : "false");
    json += "}}";
  }
  json.push_back('}');
  return json;
}

}  // namespace

RestFollowUp rest_follow_up(std::string_view body, const CheckRequest& req, const RestOptions& options) {
  RestFollowUp r;
  Diagnostics diags;
  Report rep = check(body, req);
  if (!rep.ok || options.post_index >= rep.posts.size()) {
    diags.add(Code::rest_no_post, "", 0,
              {std::to_string(options.post_index),
               !rep.ok ? "the webhook request itself is refused (" + std::to_string(rep.status) +
                             (rep.error ? " " + rep.error->id : std::string()) + ")"
                       : "the webhook creates " + std::to_string(rep.posts.size()) + " post(s), numbered from 0"});
    r.diagnostics = std::move(diags).finish(body);
    return r;
  }
  const Post& post = rep.posts[options.post_index];
  detail::JsonParseResult parsed = detail::parse_json_go(body);
  const json::Value empty = json::Value::make_object();
  const json::Value& root = parsed.ok && parsed.value.is_object() ? parsed.value : empty;

  if (!options.unknown_shell.empty()) diags.add(Code::rest_shell_unknown, "", 0, {shown(options.unknown_shell)});
  const std::string url = server_base(options.server_url, diags) + "/api/v4/posts";

  const std::string channel_id = rest_channel_id(root, post, options, diags);
  RestToken tk = rest_token(options, diags);
  std::string& token = tk.token;
  const std::string& env = tk.env;
  json::Value props = rest_props(root, post, options, diags);
  advise_priority_and_split(root, rep, post, req, options, diags);
  std::string json = rest_body(post, channel_id, options, props);
  detail::dismantle(parsed.value);

  HttpRequest http;
  http.method = "POST";
  http.url = url;
  http.headers.emplace_back("Authorization", "Bearer " + (token.empty() ? "$" + env : token));
  http.headers.emplace_back("Content-Type", "application/json");
  http.body = json;

  // The command: the shared generators, plus the Authorization header. Their notes are about the REST body's
  // bytes, not the webhook body's, and are dropped.
  Diagnostics command_notes;
  detail::BearerAuth auth{token, env};
  detail::GenInput in{http.body, http.url, BodyEncoding::json, command_notes, "application/json", &auth};
  r.command = detail::generate(options.shell, in);
  r.request = std::move(http);
  r.notes = always_notes(env, !token.empty());
  r.diagnostics = std::move(diags).finish(body);
  return r;
}

std::string rest_follow_up_to_json(const RestFollowUp& r) {
  std::string out = "{\"request\":";
  if (r.request) interact::write_http_request(out, *r.request);
  else out += "null";
  out += ",\"command\":";
  json::write_string(out, r.command);
  out += ",\"diagnostics\":";
  interact::write_diagnostics(out, r.diagnostics);
  out += ",\"notes\":[";
  for (std::size_t i = 0; i < r.notes.size(); ++i) {
    if (i) out.push_back(',');
    json::write_string(out, r.notes[i]);
  }
  out += "]}";
  return out;
}

RestOptions rest_options_from_json(std::string_view text) {
  RestOptions o;
  detail::JsonParseResult p = detail::parse_json_go(text);
  if (p.ok && p.value.is_object() && interact::depth_of(p.value) <= interact::kMaxDepth) {
    const json::Value& v = p.value;
    if (const json::Value* x = v.find("postIndex"); x && x->kind == json::Kind::number && x->number >= 0 && x->number < 1e9)
      o.post_index = static_cast<std::size_t>(x->number);
    auto str = [&](const char* k, std::string& into) {
      if (const json::Value* x = v.find(k); x && x->is_string()) into = x->text;
    };
    str("serverUrl", o.server_url);
    str("channelId", o.channel_id);
    str("rootId", o.root_id);
    str("tokenEnv", o.token_env);
    if (const json::Value* x = v.find("token"); x && x->is_string() && !x->text.empty()) o.token = x->text;
    if (const json::Value* x = v.find("shell"); x && x->is_string()) {
      if (auto s = shell_from_string(x->text)) o.shell = *s;
      else o.unknown_shell = x->text.empty() ? std::string("(empty)") : x->text;
    }
    if (const json::Value* x = v.find("keepWebhookProps"); x && x->kind == json::Kind::boolean) o.keep_webhook_props = x->boolean;
  }
  detail::dismantle(p.value);
  return o;
}

}  // namespace mmhook
