#include "validate/process.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/ascii.h"
#include "common/json_size.h"
#include "common/server_error.h"
#include "render/emoji.h"
#include "validate/rules.h"
#include "translate/slack.h"
#include "translate/split.h"
#include "translate/stored.h"

namespace mmhook {
namespace {

constexpr std::size_t kPersistentMaxRecipients = 5;

// An AppError of the app layer, wrapped by the web layer into web.incoming_webhook.general.app_error.
struct Inner {
  int status;
  std::string where, id, message, detail;
};

ProcessResult fail(const Inner& in, std::string_view media_type, const ServerSettings& s) {
  ProcessResult r;
  r.status = in.status;
  std::string detailed;
  if (s.enable_developer) {
    detailed = in.where + ": " + in.message;
    if (!in.detail.empty()) detailed += ", " + in.detail;
  }
  r.error = general_app_error(media_type, detailed);
  r.inner = ErrorBody{in.id, in.message, in.detail};
  return r;
}

Inner creating_failed(std::string_view reason) {
  return Inner{500, "CreateWebhookPost", "api.post.create_webhook_post.creating.app_error", "Error creating post.",
               "err=" + std::string(reason)};
}

bool truthy(const json::Value* v) {
  if (!v) return false;
  switch (v->kind) {
    case json::Kind::null: return false;
    case json::Kind::boolean: return v->boolean;
    case json::Kind::number: return v->number != 0;
    case json::Kind::string: return !v->text.empty();
    default: return true;
  }
}

// The server's answer when a channel override names no channel (spec 3.5).
Inner not_found_channel() {
  return Inner{404, "HandleIncomingWebhook", "web.incoming_webhook.channel.app_error", "Couldn't find the channel.", ""};
}

bool is_channel_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool could_be_username(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == ':';
  });
}

std::string strip_colons(std::string_view s) {
  if (s.size() >= 2 && s.front() == ':' && s.back() == ':') return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

// GetEmojiStaticURL for a system emoji: /static/emoji/<code points in lowercase hex, '-'-joined>.png, after removing
// every ':' from the name; nullopt for names that are not system emoji (custom emoji are unknown offline).
std::optional<std::string> system_emoji_url(std::string_view name) {
  std::string bare;
  for (char c : name)
    if (c != ':') bare.push_back(c);
  const auto e = find_emoji(bare);
  if (!e) return std::nullopt;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string url = "/static/emoji/";
  const std::string_view t = e->text;
  for (std::size_t i = 0; i < t.size();) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n && i + k < t.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3Fu);
    if (i > 0) url.push_back('-');
    std::string hex;
    for (; cp; cp >>= 4) hex.insert(hex.begin(), kHex[cp & 0xF]);
    while (hex.size() < 4) hex.insert(hex.begin(), '0');
    url += hex;
    i += n;
  }
  return url + ".png";
}

std::string join_offsets(const std::vector<SplitPost>& posts, std::size_t text_posts) {
  std::string out;
  for (std::size_t i = 0; i < text_posts && i < posts.size(); ++i) {
    if (i == 10) {
      out += ", …";
      break;
    }
    if (i) out += ", ";
    out += std::to_string(posts[i].message_rune_offset);
  }
  return out;
}

// At most `max` bytes of s, cut at a character boundary, with "…" when cut.
std::string clip_text(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}
// Where a prop key of the payload sits (path and offset of its value).
struct PropLoc {
  std::string path;
  std::size_t offset;
};

// A step's outcome: its value, or the app error the server answers with.
template <class T>
struct Step {
  std::optional<T> value;
  Inner error{};
  Step(T v) : value(std::move(v)) {}
  Step(Inner e) : error(std::move(e)) {}
  explicit operator bool() const { return value.has_value(); }
  T& operator*() { return *value; }
  T* operator->() { return &*value; }
};

// What every step reads: the request, the settings, where its values sit, and the diagnostics it adds to.
struct Context {
  const Request& req;
  const ServerSettings& settings;
  Diagnostics& diags;
  json::Value payload_props;  // as Go decodes them into a map (last duplicate wins, numbers as float64)
  const std::string& text_path;

  // Where a payload prop is, or the props object when the key is not in the body.
  PropLoc prop_loc(std::string_view key) const {
    const json::Value* v = payload_props.find(key);
    const std::size_t off = v ? v->offset : req.props_offset;
    return PropLoc{v || !off ? prop_path(key) : req.props_pointer, off ? off : req.props_offset};
  }
  std::string prop_path(std::string_view key) const { return req.props_pointer + "/" + pointer_token(key); }
  std::size_t text_off() const { return req.text.offset; }
};

// The request after HandleIncomingWebhook's checks and Slack translation.
struct Incoming {
  std::string text;
  std::vector<Attachment> attachments;
  std::string type;
};

// The channel the post goes to.
struct Destination {
  std::string channel;
  bool is_dm = false;
};

// The overrides HandleIncomingWebhook passes to CreateWebhookPost (payload value, else the hook's).
struct Overrides {
  std::string username, icon_url, icon_emoji;
};

// The post CreateWebhookPost builds before splitting.
struct Draft {
  std::string message;
  json::Value props;  // as saved (from_webhook, overrides, the payload's props), without attachments
  std::optional<PostPriorityOut> priority;
};

// Advisory checks of the payload as sent (reported whatever the outcome).
void advise_payload(const Context& cx) {
  const Request& req = cx.req;
  if (req.attachments && !req.attachments->empty())
    check_attachments(*req.attachments, cx.settings, cx.diags, req.source);
  if (!req.text.value.empty())
    check_text(req.text.value, "the text", cx.text_path, cx.text_off(), cx.settings, cx.diags, req.source);
}

// HandleIncomingWebhook: enabled, text or attachments present, Slack translation, the attachments' post type.
Step<Incoming> handle_incoming_webhook(const Context& cx) {
  const Request& req = cx.req;
  const bool has_attachments = req.attachments.has_value() && !req.attachments->empty();
  if (!cx.settings.enable_incoming_webhooks) {
    cx.diags.add(Code::hook_disabled, "", 0);
    return Inner{501, "HandleIncomingWebhook", "web.incoming_webhook.disabled.app_error",
                 "Incoming webhooks have been disabled by the system admin.", ""};
  }
  if (req.text.value.empty() && !has_attachments) {
    cx.diags.add(Code::text_missing, req.text.present ? cx.text_path : std::string(), req.text.present ? cx.text_off() : 0);
    if (const json::Value* pa = cx.payload_props.find("attachments"); pa && !pa->is_null()) {
      PropLoc pl = cx.prop_loc("attachments");
      cx.diags.add(Code::props_attachments_dropped, pl.path, pl.offset);
    }
    return Inner{400, "HandleIncomingWebhook", "web.incoming_webhook.text.app_error", "No text specified.", ""};
  }
  Incoming in{process_slack_text(req.text.value), {}, req.type.value};
  if (has_attachments) {
    in.attachments = *req.attachments;
    process_attachments(in.attachments);
  }
  if (!in.attachments.empty()) {
    if (!in.type.empty() && in.type != "slack_attachment")
      cx.diags.add(Code::type_overridden, req.type.pointer, req.type.offset, {in.type});
    in.type = "slack_attachment";
  }
  return in;
}

Inner user_not_found(std::string_view requested) {
  return Inner{400, "HandleIncomingWebhook", "web.incoming_webhook.user.app_error",
               "Couldn't find the user " + std::string(requested.substr(1)), ""};
}

// The channel (spec 3.5), with the hook settings as the offline server: `@user` (a direct message), a channel
// name, or the hook's channel; a locked hook refuses any other.
Step<Destination> resolve_channel(const Context& cx) {
  const ServerSettings& settings = cx.settings;
  const HookSettings& hook = settings.hook;
  const std::string& requested = cx.req.channel.value;
  Destination dest{hook.channel, false};
  if (requested.empty()) return dest;
  const std::string chan_path = cx.req.channel.pointer;
  const std::size_t chan_off = cx.req.channel.offset;
  if (requested[0] == '@') {
    std::string user = ascii_lower(std::string_view(requested).substr(1));
    if (!could_be_username(user)) {
      cx.diags.add(Code::channel_user_invalid, chan_path, chan_off, {requested});
      return user_not_found(requested);
    }
    if (settings.known_users && std::find(settings.known_users->begin(), settings.known_users->end(), user) ==
                                    settings.known_users->end()) {
      cx.diags.add(Code::channel_user_not_found, chan_path, chan_off, {user});
      return user_not_found(requested);
    }
    cx.diags.add(Code::channel_direct, chan_path, chan_off, {requested, user});
    dest = Destination{"@" + user, true};
  } else {
    std::string name = requested[0] == '#' ? requested.substr(1) : requested;
    if (name != hook.channel) {
      const bool listed = settings.known_channels &&
                          std::find(settings.known_channels->begin(), settings.known_channels->end(), name) !=
                              settings.known_channels->end();
      if (!listed && !name.empty() && name[0] == '~') {
        cx.diags.add(Code::channel_tilde, chan_path, chan_off, {name, name.substr(1)});
        return not_found_channel();
      } else if (!listed && !is_channel_name(name)) {
        cx.diags.add(Code::channel_not_a_name, chan_path, chan_off, {name});
        return not_found_channel();
      } else if (settings.known_channels && !listed) {
        cx.diags.add(Code::channel_not_found, chan_path, chan_off, {name});
        return not_found_channel();
      } else if (!settings.known_channels) {
        cx.diags.add(Code::channel_other, chan_path, chan_off, {name, hook.channel});
      }
    }
    dest.channel = name;
  }
  if (hook.channel_locked && dest.channel != hook.channel) {
    cx.diags.add(Code::channel_locked, chan_path, chan_off, {hook.channel, requested});
    return Inner{403, "HandleIncomingWebhook", "web.incoming_webhook.channel_locked.app_error",
                 "This webhook is not permitted to post to the requested channel " + dest.channel, ""};
  }
  return dest;
}

// Overrides (spec 3.1 step 8, 3.2 steps 5-6): the payload's username and icon, else the hook's; never an error.
Overrides apply_overrides(const Context& cx) {
  const Request& req = cx.req;
  const ServerSettings& settings = cx.settings;
  const HookSettings& hook = settings.hook;
  Overrides ov{!req.username.value.empty() ? req.username.value : hook.username,
               !req.icon_url.value.empty() ? req.icon_url.value : hook.icon_url, req.icon_emoji.value};
  if (!req.username.value.empty() && !settings.enable_post_username_override) {
    Diagnostic d = make_diagnostic(
        Code::override_username_off, req.username.pointer, req.username.offset,
        {hook.creator, clip_text(req.username.value, 64),
         settings.username_override_stated ? "" : " (mmhook assumes a fresh server's default; give enablePostUsernameOverride in the settings to state yours)"});
    if (settings.username_override_stated) d.severity = Severity::warning;
    cx.diags.add(std::move(d));
  }
  if (settings.enable_post_username_override && ov.username.empty())
    cx.diags.add(Code::override_default_username, "", 0);
  if (!req.icon_url.value.empty()) {
    const std::string p = req.icon_url.pointer;
    if (!settings.enable_post_icon_override) cx.diags.add(Code::override_icon_off, p, req.icon_url.offset, {"icon_url"});
    if (!is_valid_http_url(req.icon_url.value)) cx.diags.add(Code::override_icon_url_invalid, p, req.icon_url.offset, {req.icon_url.value});
  }
  if (!ov.icon_emoji.empty() && !settings.enable_post_icon_override)
    cx.diags.add(Code::override_icon_off, req.icon_emoji.pointer, req.icon_emoji.offset, {"icon_emoji"});
  return ov;
}

// CreateWebhookPost's priority: priority.priority is required; advice on labels, the setting and persistence.
Step<std::optional<PostPriorityOut>> post_priority(const Context& cx) {
  if (!cx.req.priority) return std::optional<PostPriorityOut>{};
  const Priority& pr = *cx.req.priority;
  const std::size_t poff = pr.priority_offset ? pr.priority_offset : pr.offset;
  if (!pr.priority) {
    cx.diags.add(Code::priority_missing, pr.pointer, pr.offset);
    return Inner{400, "CreateWebhookPost", "api.context.invalid_param.app_error",
                 "Invalid webhook.priority.priority parameter.",
                 "Setting the priority of a post is required to use priority."};
  }
  const std::string& pv = *pr.priority;
  const std::string& ppath2 = pr.priority_pointer;
  if (pv != "urgent" && pv != "important" && !pv.empty()) cx.diags.add(Code::priority_no_label, ppath2, poff, {pv});
  if ((pv == "urgent" || pv == "important") && !cx.settings.post_priority) cx.diags.add(Code::priority_disabled, ppath2, poff, {pv});
  if (pr.persistent_notifications.value_or(false) && pv != "urgent") {
    cx.diags.add(Code::priority_persistent_not_urgent, pr.persistent_notifications_pointer,
                 pr.persistent_notifications_offset ? pr.persistent_notifications_offset : pr.offset, {pv});
  }
  if (pr.requested_ack.value_or(false)) {
    cx.diags.add(Code::priority_requested_ack, pr.requested_ack_pointer,
                 pr.requested_ack_offset ? pr.requested_ack_offset : pr.offset);
  }
  return std::optional<PostPriorityOut>{PostPriorityOut{pv, pr.requested_ack, pr.persistent_notifications}};
}

// CreateWebhookPost's type check: system_ types are refused; custom and built-in ones get advice.
std::optional<Inner> check_post_type(const Context& cx, const std::string& type) {
  const std::string& type_path = cx.req.type.pointer;
  const std::size_t type_off = cx.req.type.offset;
  if (type.rfind("system_", 0) == 0) {
    cx.diags.add(Code::type_system, type_path, type_off, {type});
    return Inner{400, "CreateWebhookPost", "api.context.invalid_param.app_error", "Invalid post.type parameter.", ""};
  }
  if (type.empty() || type == "slack_attachment") return std::nullopt;
  if (type.rfind("custom_", 0) == 0) cx.diags.add(Code::type_custom, type_path, type_off, {type});
  else if (type == "me") cx.diags.add(Code::type_builtin, type_path, type_off, {type, "drawn like a /me message"});
  else if (type == "reminder") cx.diags.add(Code::type_builtin, type_path, type_off, {type, "drawn as a reminder"});
  else if (type == "add_bot_teams_channels")
    cx.diags.add(Code::type_builtin, type_path, type_off, {type, "a system prompt to add a bot to teams and channels"});
  else if (type == "burn_on_read")
    cx.diags.add(Code::type_builtin, type_path, type_off,
                 {type, "needs a license and the feature enabled, else saving fails with 500"});
  return std::nullopt;
}

// What the server does with each payload prop it drops, ignores or overwrites (advice only).
void advise_props(const Context& cx) {
  for (const json::Member& m : cx.payload_props.object) {
    const std::string& k = m.key;
    const PropLoc pl{cx.prop_path(k), m.value.offset ? m.value.offset : cx.req.props_offset};
    Diagnostics& diags = cx.diags;
    if (k == "attachments") {
      if (!m.value.is_null()) diags.add(Code::props_attachments_dropped, pl.path, pl.offset);
    } else if (k == "from_webhook") {
      diags.add(Code::props_ignored, pl.path, pl.offset, {k, "nothing (the server always sets it to \"true\")"});
    } else if (k == "override_username") {
      diags.add(Code::props_ignored, pl.path, pl.offset, {k, "the top-level `username` with EnablePostUsernameOverride on"});
    } else if (k == "override_icon_url") {
      diags.add(Code::props_ignored, pl.path, pl.offset, {k, "the top-level `icon_url` with EnablePostIconOverride on"});
    } else if (k == "override_icon_emoji") {
      diags.add(Code::props_override_icon_emoji, pl.path, pl.offset);
    } else if (k == "webhook_display_name") {
      diags.add(Code::props_overwritten, pl.path, pl.offset, {cx.settings.hook.display_name});
    } else if (k == "card") {
      if (m.value.is_string()) diags.add(Code::props_card, pl.path, pl.offset);
      else if (!m.value.is_null()) diags.add(Code::props_card_type, pl.path, pl.offset);
    } else if (k == "add_channel_member" || k == "force_notification") {
      diags.add(Code::props_removed, pl.path, pl.offset, {k});
    } else if (k == "channel_mentions") {
      diags.add(Code::props_channel_mentions, pl.path, pl.offset);
    }
  }
}

// CreateWebhookPost's props (spec 3.2 step 7, 3.7): from_webhook, the overrides, then the payload's props.
json::Value webhook_post_props(const Context& cx, const Overrides& ov) {
  const ServerSettings& settings = cx.settings;
  json::Value post_props = json::Value::make_object();
  post_props.set("from_webhook", json::Value::from_string("true"));
  if (settings.enable_post_username_override)
    post_props.set("override_username", json::Value::from_string(ov.username.empty() ? "webhook" : ov.username));
  if (settings.enable_post_icon_override) {
    if (!ov.icon_url.empty()) post_props.set("override_icon_url", json::Value::from_string(ov.icon_url));
    if (!ov.icon_emoji.empty()) post_props.set("override_icon_emoji", json::Value::from_string(ov.icon_emoji));
  }
  // The payload's props plus webhook_display_name have no duplicate keys; only override_icon_emoji can collide
  // with a prop set above.
  json::Value props = cx.payload_props;
  props.set("webhook_display_name", json::Value::from_string(settings.hook.display_name));
  for (const json::Member& m : props.object) {
    const std::string& k = m.key;
    if (k == "attachments") continue;
    if (k == "override_icon_url" || k == "override_username" || k == "from_webhook") continue;
    if (k == "override_icon_emoji") post_props.set(k, m.value);
    else post_props.object.push_back(json::Member{k, m.value, m.key_offset});
  }
  return post_props;
}

// CreateWebhookPost: priority, type, props; Post.ValidateProps problems (logged by the server) as advice.
Step<Draft> create_webhook_post(const Context& cx, Incoming& in, const Overrides& ov) {
  Draft draft{convert_message_links(in.text), {}, {}};
  std::string().swap(in.text);  // memory: one copy of a large text at a time
  auto priority = post_priority(cx);
  if (!priority) return priority.error;
  draft.priority = std::move(*priority);
  if (auto refused = check_post_type(cx, in.type)) return *refused;
  draft.props = webhook_post_props(cx, ov);
  draft.props.erase("attachments");
  advise_props(cx);
  if (!in.attachments.empty()) parse_attachment_links(in.attachments);
  for (const std::string& problem : post_props_problems(draft.props)) {
    std::string key = problem.substr(0, problem.find(' '));
    if (key == "mention_highlight_disabled") key = "mentionHighlightDisabled";
    if (key == "override_icon_url" && !cx.payload_props.find("override_icon_url")) continue;  // reported for icon_url
    PropLoc pl = cx.prop_loc(key);
    cx.diags.add(Code::props_invalid, pl.path, pl.offset, {problem});
  }
  return draft;
}

std::size_t max_runes(const ServerSettings& s) {
  return s.max_post_size < 1 ? 1 : static_cast<std::size_t>(s.max_post_size);
}

const Attachment kNoAttachment{};

// splitWebhookPost: the message in parts of at most MaxPostSize runes, attachments after it; props limits.
Step<SplitResult> split_post(const Context& cx, Draft& draft, const std::vector<Attachment>& attachments) {
  const Request& req = cx.req;
  std::vector<json::Value> stored;
  stored.reserve(attachments.size());
  for (const Attachment& a : attachments) stored.push_back(stored_attachment(a));
  SplitResult split = split_webhook_post(draft.message, draft.props, std::move(stored), cx.settings.max_post_size);
  if (split.error == SplitError::props_too_large) {
    cx.diags.add(Code::split_props_too_large, req.props_pointer, req.props_offset,
                 {std::to_string(split.error_runes)});
  } else if (split.error == SplitError::attachment_too_large) {
    const std::size_t i = split.error_attachment;
    const Attachment& a = i < attachments.size() ? attachments[i] : kNoAttachment;
    cx.diags.add(Code::split_attachment_too_large, a.pointer, a.offset,
                 {std::to_string(i), std::to_string(split.error_runes)});
  }
  if (!split.ok()) {
    return Inner{400, "SplitWebhookPost", "web.incoming_webhook.split_props_length.app_error",
                 "Unable to split webhook props into 760000 character parts.", ""};
  }
  const std::size_t text_runes = json::rune_count(draft.message);
  std::string().swap(draft.message);  // the split posts hold it now
  const std::size_t max = max_runes(cx.settings);
  if (text_runes > max) {
    const std::size_t text_posts = (text_runes + max - 1) / max;
    cx.diags.add(Code::split_will_split, cx.text_path, cx.text_off(),
                 {std::to_string(text_runes), std::to_string(max), std::to_string(text_posts),
                  join_offsets(split.posts, text_posts)});
  }
  for (const SplitEvent& e : split.events) {
    const Attachment& a = e.attachment < attachments.size() ? attachments[e.attachment] : kNoAttachment;
    const std::size_t off = a.offset;
    const std::string& path = a.pointer;
    if (e.kind == SplitEvent::Kind::moved)
      cx.diags.add(Code::split_attachments_moved, path, off, {std::to_string(e.attachment), std::to_string(e.post + 1)});
    else
      cx.diags.add(Code::split_attachment_truncated, path, off, {std::to_string(e.attachment), std::to_string(e.runes)});
  }
  return split;
}

// CreatePost's save-time checks of part `i` (spec 3.3) with its props as stored.
std::optional<Inner> check_saved_post(const Context& cx, const Draft& draft, const Destination& dest,
                                      const std::string& type, std::size_t i, const std::string& message,
                                      const json::Value& p) {
  const Request& req = cx.req;
  const auto& priority = draft.priority;
  if (priority && priority->persistent_notifications.value_or(false) && !dest.is_dm) {
    const std::size_t n = user_mentions(message).size();
    if (n < 1 || n > kPersistentMaxRecipients) {
      cx.diags.add(Code::priority_persistent_recipients, cx.text_path, cx.text_off(),
                   {std::to_string(kPersistentMaxRecipients), std::to_string(n)});
      return creating_failed("Persistent notifications require 1 to 5 mentioned recipients.");
    }
  }
  const std::size_t max = max_runes(cx.settings);
  const std::size_t msg_runes = json::rune_count(message);
  if (msg_runes > max) {
    cx.diags.add(Code::save_message_too_long, cx.text_path, cx.text_off(),
                 {std::to_string(i + 1), std::to_string(msg_runes), std::to_string(max)});
    return creating_failed("Message property length exceeds the limit.");
  }
  if (!is_valid_post_type(type)) {
    cx.diags.add(Code::type_invalid, req.type.pointer, req.type.offset, {type});
    return creating_failed("Invalid type.");
  }
  const json::WrittenSize props_json = json::written_size(p, true);  // as stored: sorted keys, Go's escapes
  const std::size_t props_runes = props_json.runes;
  if (props_runes > kPostPropsMaxRunes) {
    cx.diags.add(Code::save_props_too_large, req.props_pointer, req.props_offset,
                 {std::to_string(i + 1), std::to_string(props_runes)});
    return creating_failed("Invalid props.");
  }
  if (props_json.bytes > kPostPropsMaxBytes) {
    cx.diags.add(Code::save_props_too_many_bytes, req.props_pointer, req.props_offset,
                 {std::to_string(i + 1), std::to_string(props_json.bytes)});
    return creating_failed("Unable to save the post.");
  }
  if (priority && json::rune_count(priority->priority) > 32) {
    const Priority& pr = *req.priority;
    cx.diags.add(Code::priority_too_long, pr.priority_pointer, pr.priority_offset ? pr.priority_offset : pr.offset,
                 {priority->priority});
    return creating_failed("Unable to save the post.");
  }
  return std::nullopt;
}

// The post as clients receive it: author, icon (OverrideIconURLIfEmoji), props.
Post received_post(const Context& cx, const Draft& draft, const Destination& dest, const std::string& type,
                   std::string message, json::Value p) {
  const bool username_on = cx.settings.enable_post_username_override;
  const bool icon_on = cx.settings.enable_post_icon_override;
  Post post;
  post.channel = dest.channel;
  post.message = std::move(message);
  post.type = type;
  post.priority = draft.priority;
  post.bot_tag = true;
  const json::Value* ou = p.find("override_username");
  post.username = (username_on && ou && ou->is_string()) ? ou->text : cx.settings.hook.creator;
  const bool use_user_icon = truthy(p.find("use_user_icon"));
  if (icon_on && !use_user_icon) {
    const json::Value* oe = p.find("override_icon_emoji");
    const json::Value* oi = p.find("override_icon_url");
    if (oe && oe->is_string() && !oe->text.empty()) post.icon_emoji = strip_colons(oe->text);
    if (oi && oi->is_string() && !oi->text.empty()) post.icon_url = oi->text;
    // OverrideIconURLIfEmoji: a system emoji's image replaces the icon URL in what clients receive.
    if (oe && oe->is_string() && !oe->text.empty())
      if (auto url = system_emoji_url(oe->text)) post.icon_url = std::move(*url);
    if (!post.icon_emoji && !post.icon_url) post.webhook_logo = true;
  }
  post.props = std::move(p);
  return post;
}

// CreatePost for each part of the split: the props each part is stored with, the save-time checks, the post.
Step<std::vector<Post>> create_posts(const Context& cx, const Draft& draft, SplitResult& split,
                                     const Destination& dest, const std::string& type) {
  std::vector<Post> posts;
  for (std::size_t i = 0; i < split.posts.size(); ++i) {
    SplitPost& part = split.posts[i];
    json::Value p = split_props(draft.props, part);
    p.erase("add_channel_member");
    p.erase("force_notification");
    p.erase("channel_mentions");
    if (json::Value* atts = p.find("attachments")) generate_action_ids(*atts, i);
    if (auto refused = check_saved_post(cx, draft, dest, type, i, part.message, p)) return *refused;
    posts.push_back(received_post(cx, draft, dest, type, std::move(part.message), std::move(p)));
  }
  return posts;
}

// Advice on icons the clients will not show as sent: an emoji beside an icon URL, use_user_icon.
void advise_icons(const Context& cx, const json::Value& post_props, const Overrides& ov) {
  const Request& req = cx.req;
  if (!cx.settings.enable_post_icon_override) return;
  const bool use_user_icon = truthy(post_props.find("use_user_icon"));
  if (!use_user_icon && !ov.icon_url.empty()) {
    const json::Value* oe = post_props.find("override_icon_emoji");
    if (oe && oe->is_string() && !oe->text.empty()) {
      const bool top = !ov.icon_emoji.empty() && oe->text == ov.icon_emoji;
      const PropLoc at = top ? PropLoc{req.icon_emoji.pointer, req.icon_emoji.offset}
                             : cx.prop_loc("override_icon_emoji");
      const std::string name = clip_text(oe->text, 64);
      const std::string source = !req.icon_url.value.empty() ? "`icon_url`" : "the hook's icon URL";
      if (auto url = system_emoji_url(oe->text))
        cx.diags.add(Code::override_icon_url_ignored, at.path, at.offset, {source, name, *url});
      else
        cx.diags.add(Code::override_icon_emoji_custom, at.path, at.offset, {name, source});
    }
  }
  if (use_user_icon && (!ov.icon_url.empty() || !ov.icon_emoji.empty())) {
    PropLoc pl = cx.prop_loc("use_user_icon");
    cx.diags.add(Code::override_use_user_icon, pl.path, pl.offset);
  }
}

}  // namespace

// Mirrors the Go handler: HandleIncomingWebhook → channel → overrides → CreateWebhookPost → split → CreatePost.
ProcessResult process_request(const Request& req, const ServerSettings& settings, std::string_view media_type,
                              Diagnostics& diags) {
  json::Value payload_props = req.props.is_object() ? go_normalise(req.props) : json::Value::make_object();
  const Context cx{req, settings, diags, std::move(payload_props), req.text.pointer};
  const auto fail_with = [&](const Inner& in) { return fail(in, media_type, settings); };

  advise_payload(cx);
  auto incoming = handle_incoming_webhook(cx);
  if (!incoming) return fail_with(incoming.error);
  auto dest = resolve_channel(cx);
  if (!dest) return fail_with(dest.error);
  const Overrides overrides = apply_overrides(cx);
  auto draft = create_webhook_post(cx, *incoming, overrides);
  if (!draft) return fail_with(draft.error);
  auto split = split_post(cx, *draft, incoming->attachments);
  if (!split) return fail_with(split.error);
  auto posts = create_posts(cx, *draft, *split, *dest, incoming->type);
  if (!posts) return fail_with(posts.error);
  advise_icons(cx, draft->props, overrides);

  ProcessResult result;
  result.posts = std::move(*posts);
  return result;
}

}  // namespace mmhook
