#include "validate/process.h"

#include <algorithm>

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

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
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

}  // namespace

ProcessResult process_request(const Request& req, const ServerSettings& settings, std::string_view media_type,
                              Diagnostics& diags) {
  const Locator loc(req.root);
  const HookSettings& hook = settings.hook;
  const bool has_attachments = req.attachments.has_value() && !req.attachments->empty();
  const std::size_t text_off = req.text.offset;
  const std::string text_path = loc.path(text_off, "/text");

  // Payload props as Go decodes them into a map (last duplicate wins, numbers as float64).
  const json::Value payload_props = req.props.is_object() ? go_normalise(req.props) : json::Value::make_object();
  auto prop_loc = [&](std::string_view key) -> PropLoc {
    const json::Value* v = payload_props.find(key);
    std::size_t off = v ? v->offset : req.props_offset;
    std::string fb = "/props/" + pointer_token(key);
    return PropLoc{loc.path(off, fb), off ? off : req.props_offset};
  };

  // ---- Advisory checks of the payload as sent (reported whatever the outcome).
  if (has_attachments) check_attachments(*req.attachments, loc, settings, diags, req.source);
  if (!req.text.value.empty()) check_text(req.text.value, "the text", text_path, text_off, settings, diags, req.source);

  // ---- HandleIncomingWebhook
  if (!settings.enable_incoming_webhooks) {
    diags.add(Code::hook_disabled, "", 0);
    return fail(Inner{501, "HandleIncomingWebhook", "web.incoming_webhook.disabled.app_error",
                      "Incoming webhooks have been disabled by the system admin.", ""},
                media_type, settings);
  }
  if (req.text.value.empty() && !has_attachments) {
    diags.add(Code::text_missing, req.text.present ? text_path : std::string(), req.text.present ? text_off : 0);
    if (const json::Value* pa = payload_props.find("attachments"); pa && !pa->is_null()) {
      PropLoc pl = prop_loc("attachments");
      diags.add(Code::props_attachments_dropped, pl.path, pl.offset);
    }
    return fail(Inner{400, "HandleIncomingWebhook", "web.incoming_webhook.text.app_error", "No text specified.", ""},
                media_type, settings);
  }

  json::Value props = payload_props;
  props.set("webhook_display_name", json::Value::from_string(hook.display_name));

  std::string text = process_slack_text(req.text.value);
  std::vector<Attachment> attachments;
  if (has_attachments) {
    attachments = *req.attachments;
    process_attachments(attachments);
  }
  std::string type = req.type.value;
  const std::string type_path = loc.path(req.type.offset, "/type");
  const std::size_t type_off = req.type.offset;
  if (!attachments.empty()) {
    if (!type.empty() && type != "slack_attachment") diags.add(Code::type_overridden, type_path, type_off, {type});
    type = "slack_attachment";
  }

  // ---- Channel (spec 3.5), with the hook settings as the offline server.
  const std::string& requested = req.channel.value;
  const std::string chan_path = loc.path(req.channel.offset, "/channel");
  const std::size_t chan_off = req.channel.offset;
  std::string post_channel = hook.channel;
  bool is_dm = false;
  if (!requested.empty()) {
    if (requested[0] == '@') {
      std::string user = lower_ascii(std::string_view(requested).substr(1));
      if (!could_be_username(user)) {
        diags.add(Code::channel_user_invalid, chan_path, chan_off, {requested});
        return fail(Inner{400, "HandleIncomingWebhook", "web.incoming_webhook.user.app_error",
                          "Couldn't find the user " + std::string(std::string_view(requested).substr(1)), ""},
                    media_type, settings);
      }
      if (settings.known_users && std::find(settings.known_users->begin(), settings.known_users->end(), user) ==
                                      settings.known_users->end()) {
        diags.add(Code::channel_user_not_found, chan_path, chan_off, {user});
        return fail(Inner{400, "HandleIncomingWebhook", "web.incoming_webhook.user.app_error",
                          "Couldn't find the user " + std::string(std::string_view(requested).substr(1)), ""},
                    media_type, settings);
      }
      diags.add(Code::channel_direct, chan_path, chan_off, {requested, user});
      post_channel = "@" + user;
      is_dm = true;
    } else {
      std::string name = requested[0] == '#' ? requested.substr(1) : requested;
      if (name != hook.channel) {
        const bool listed = settings.known_channels &&
                            std::find(settings.known_channels->begin(), settings.known_channels->end(), name) !=
                                settings.known_channels->end();
        if (!listed && !name.empty() && name[0] == '~') {
          diags.add(Code::channel_tilde, chan_path, chan_off, {name, name.substr(1)});
          return fail(not_found_channel(), media_type, settings);
        } else if (!listed && !is_channel_name(name)) {
          diags.add(Code::channel_not_a_name, chan_path, chan_off, {name});
          return fail(not_found_channel(), media_type, settings);
        } else if (settings.known_channels && !listed) {
          diags.add(Code::channel_not_found, chan_path, chan_off, {name});
          return fail(not_found_channel(), media_type, settings);
        } else if (!settings.known_channels) {
          diags.add(Code::channel_other, chan_path, chan_off, {name, hook.channel});
        }
      }
      post_channel = name;
    }
    if (hook.channel_locked && post_channel != hook.channel) {
      diags.add(Code::channel_locked, chan_path, chan_off, {hook.channel, requested});
      return fail(Inner{403, "HandleIncomingWebhook", "web.incoming_webhook.channel_locked.app_error",
                        "This webhook is not permitted to post to the requested channel " + post_channel, ""},
                  media_type, settings);
    }
  }

  // ---- Overrides (spec 3.1 step 8, 3.2 steps 5-6).
  const std::string username = !req.username.value.empty() ? req.username.value : hook.username;
  const std::string icon_url = !req.icon_url.value.empty() ? req.icon_url.value : hook.icon_url;
  const std::string& icon_emoji = req.icon_emoji.value;
  if (!req.username.value.empty() && !settings.enable_post_username_override) {
    Diagnostic d = make_diagnostic(
        Code::override_username_off, loc.path(req.username.offset, "/username"), req.username.offset,
        {hook.creator, clip_text(req.username.value, 64),
         settings.username_override_stated ? "" : " (mmhook assumes a fresh server's default; give enablePostUsernameOverride in the settings to state yours)"});
    if (settings.username_override_stated) d.severity = Severity::warning;
    diags.add(std::move(d));
  }
  if (settings.enable_post_username_override && username.empty())
    diags.add(Code::override_default_username, "", 0);
  if (!req.icon_url.value.empty()) {
    const std::string p = loc.path(req.icon_url.offset, "/icon_url");
    if (!settings.enable_post_icon_override) diags.add(Code::override_icon_off, p, req.icon_url.offset, {"icon_url"});
    if (!is_valid_http_url(req.icon_url.value)) diags.add(Code::override_icon_url_invalid, p, req.icon_url.offset, {req.icon_url.value});
  }
  if (!icon_emoji.empty() && !settings.enable_post_icon_override)
    diags.add(Code::override_icon_off, loc.path(req.icon_emoji.offset, "/icon_emoji"), req.icon_emoji.offset, {"icon_emoji"});

  // ---- CreateWebhookPost
  std::string message = convert_message_links(text);
  std::string().swap(text);  // memory: one copy of a large text at a time
  json::Value post_props = json::Value::make_object();
  post_props.set("from_webhook", json::Value::from_string("true"));

  std::optional<PostPriorityOut> priority;
  if (req.priority) {
    const Priority& pr = *req.priority;
    const auto inner = loc.member(pr.offset, "priority");
    const std::size_t poff = (inner && inner->offset) ? inner->offset : pr.offset;
    if (!pr.priority) {
      diags.add(Code::priority_missing, loc.path(pr.offset, "/priority"), pr.offset);
      return fail(Inner{400, "CreateWebhookPost", "api.context.invalid_param.app_error",
                        "Invalid webhook.priority.priority parameter.",
                        "Setting the priority of a post is required to use priority."},
                  media_type, settings);
    }
    priority = PostPriorityOut{*pr.priority, pr.requested_ack, pr.persistent_notifications};
    const std::string& pv = *pr.priority;
    const std::string ppath2 = inner ? inner->path : loc.path(pr.offset, "/priority") + "/priority";
    if (pv != "urgent" && pv != "important" && !pv.empty()) diags.add(Code::priority_no_label, ppath2, poff, {pv});
    if ((pv == "urgent" || pv == "important") && !settings.post_priority) diags.add(Code::priority_disabled, ppath2, poff, {pv});
    if (pr.persistent_notifications.value_or(false) && pv != "urgent") {
      auto m = loc.member(pr.offset, "persistent_notifications");
      diags.add(Code::priority_persistent_not_urgent, m ? m->path : loc.path(pr.offset, "/priority"),
                m && m->offset ? m->offset : pr.offset, {pv});
    }
    if (pr.requested_ack.value_or(false)) {
      auto m = loc.member(pr.offset, "requested_ack");
      diags.add(Code::priority_requested_ack, m ? m->path : loc.path(pr.offset, "/priority"),
                m && m->offset ? m->offset : pr.offset);
    }
  }

  if (type.rfind("system_", 0) == 0) {
    diags.add(Code::type_system, type_path, type_off, {type});
    return fail(Inner{400, "CreateWebhookPost", "api.context.invalid_param.app_error", "Invalid post.type parameter.", ""},
                media_type, settings);
  }
  if (!type.empty() && type != "slack_attachment") {
    if (type.rfind("custom_", 0) == 0) diags.add(Code::type_custom, type_path, type_off, {type});
    else if (type == "me") diags.add(Code::type_builtin, type_path, type_off, {type, "drawn like a /me message"});
    else if (type == "reminder") diags.add(Code::type_builtin, type_path, type_off, {type, "drawn as a reminder"});
    else if (type == "add_bot_teams_channels")
      diags.add(Code::type_builtin, type_path, type_off, {type, "a system prompt to add a bot to teams and channels"});
    else if (type == "burn_on_read")
      diags.add(Code::type_builtin, type_path, type_off,
                {type, "needs a license and the feature enabled, else saving fails with 500"});
  }

  if (settings.enable_post_username_override)
    post_props.set("override_username", json::Value::from_string(username.empty() ? "webhook" : username));
  if (settings.enable_post_icon_override) {
    if (!icon_url.empty()) post_props.set("override_icon_url", json::Value::from_string(icon_url));
    if (!icon_emoji.empty()) post_props.set("override_icon_emoji", json::Value::from_string(icon_emoji));
  }

  // Copy the payload props (spec 3.2 step 7, 3.7).
  // `props` has no duplicate keys; only override_icon_emoji can collide with a prop set above.
  for (const json::Member& m : props.object) {
    const std::string& k = m.key;
    if (k == "attachments") continue;
    if (k == "override_icon_url" || k == "override_username" || k == "from_webhook") continue;
    if (k == "override_icon_emoji") post_props.set(k, m.value);
    else post_props.object.push_back(json::Member{k, m.value, m.key_offset});
  }
  for (const json::Member& m : payload_props.object) {
    const std::string& k = m.key;
    const PropLoc pl{loc.path(m.value.offset, "/props/" + pointer_token(k)),
                     m.value.offset ? m.value.offset : req.props_offset};
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
      diags.add(Code::props_overwritten, pl.path, pl.offset, {hook.display_name});
    } else if (k == "card") {
      if (m.value.is_string()) diags.add(Code::props_card, pl.path, pl.offset);
      else if (!m.value.is_null()) diags.add(Code::props_card_type, pl.path, pl.offset);
    } else if (k == "add_channel_member" || k == "force_notification") {
      diags.add(Code::props_removed, pl.path, pl.offset, {k});
    } else if (k == "channel_mentions") {
      diags.add(Code::props_channel_mentions, pl.path, pl.offset);
    }
  }
  if (!attachments.empty()) parse_attachment_links(attachments);

  // Post.ValidateProps problems (logged by the server) on the props as saved.
  for (const std::string& problem : post_props_problems(post_props)) {
    std::string key = problem.substr(0, problem.find(' '));
    if (key == "mention_highlight_disabled") key = "mentionHighlightDisabled";
    if (key == "override_icon_url" && !payload_props.find("override_icon_url")) continue;  // reported for icon_url
    PropLoc pl = prop_loc(key);
    diags.add(Code::props_invalid, pl.path, pl.offset, {problem});
  }

  // ---- splitWebhookPost
  json::Value base = post_props;
  base.erase("attachments");
  std::vector<json::Value> stored;
  stored.reserve(attachments.size());
  for (const Attachment& a : attachments) stored.push_back(stored_attachment(a));
  SplitResult split = split_webhook_post(message, base, std::move(stored), settings.max_post_size);
  if (split.error == SplitError::props_too_large) {
    diags.add(Code::split_props_too_large, loc.path(req.props_offset, "/props"), req.props_offset,
              {std::to_string(split.error_runes)});
  } else if (split.error == SplitError::attachment_too_large) {
    const std::size_t i = split.error_attachment;
    const std::size_t off = i < attachments.size() ? attachments[i].offset : 0;
    diags.add(Code::split_attachment_too_large, loc.path(off, "/attachments/" + std::to_string(i)), off,
              {std::to_string(i), std::to_string(split.error_runes)});
  }
  if (!split.ok()) {
    return fail(Inner{400, "SplitWebhookPost", "web.incoming_webhook.split_props_length.app_error",
                      "Unable to split webhook props into 760000 character parts.", ""},
                media_type, settings);
  }
  const std::size_t text_runes = json::rune_count(message);
  std::string().swap(message);  // the split posts hold it now
  const std::size_t max_runes = settings.max_post_size < 1 ? 1 : static_cast<std::size_t>(settings.max_post_size);
  if (text_runes > max_runes) {
    const std::size_t text_posts = (text_runes + max_runes - 1) / max_runes;
    diags.add(Code::split_will_split, text_path, text_off,
              {std::to_string(text_runes), std::to_string(max_runes), std::to_string(text_posts),
               join_offsets(split.posts, text_posts)});
  }
  for (const SplitEvent& e : split.events) {
    const std::size_t off = e.attachment < attachments.size() ? attachments[e.attachment].offset : 0;
    const std::string path = loc.path(off, "/attachments/" + std::to_string(e.attachment));
    if (e.kind == SplitEvent::Kind::moved)
      diags.add(Code::split_attachments_moved, path, off, {std::to_string(e.attachment), std::to_string(e.post + 1)});
    else
      diags.add(Code::split_attachment_truncated, path, off, {std::to_string(e.attachment), std::to_string(e.runes)});
  }

  // ---- CreatePost per split (spec 3.3).
  const bool username_on = settings.enable_post_username_override;
  const bool icon_on = settings.enable_post_icon_override;
  ProcessResult result;
  for (std::size_t i = 0; i < split.posts.size(); ++i) {
    SplitPost& part = split.posts[i];
    json::Value p = split_props(base, part);
    p.erase("add_channel_member");
    p.erase("force_notification");
    p.erase("channel_mentions");
    if (json::Value* atts = p.find("attachments")) generate_action_ids(*atts, i);

    if (priority && priority->persistent_notifications.value_or(false) && !is_dm) {
      const std::size_t n = user_mentions(part.message).size();
      if (n < 1 || n > kPersistentMaxRecipients) {
        diags.add(Code::priority_persistent_recipients, text_path, text_off,
                  {std::to_string(kPersistentMaxRecipients), std::to_string(n)});
        return fail(creating_failed("Persistent notifications require 1 to 5 mentioned recipients."), media_type, settings);
      }
    }
    const std::size_t msg_runes = json::rune_count(part.message);
    if (msg_runes > max_runes) {
      diags.add(Code::save_message_too_long, text_path, text_off,
                {std::to_string(i + 1), std::to_string(msg_runes), std::to_string(max_runes)});
      return fail(creating_failed("Message property length exceeds the limit."), media_type, settings);
    }
    if (!is_valid_post_type(type)) {
      diags.add(Code::type_invalid, type_path, type_off, {type});
      return fail(creating_failed("Invalid type."), media_type, settings);
    }
    const std::string props_json = json::write(p, json::WriteOptions{true, true});
    const std::size_t props_runes = json::rune_count(props_json);
    if (props_runes > kPostPropsMaxRunes) {
      diags.add(Code::save_props_too_large, loc.path(req.props_offset, "/props"), req.props_offset,
                {std::to_string(i + 1), std::to_string(props_runes)});
      return fail(creating_failed("Invalid props."), media_type, settings);
    }
    if (props_json.size() > kPostPropsMaxBytes) {
      diags.add(Code::save_props_too_many_bytes, loc.path(req.props_offset, "/props"), req.props_offset,
                {std::to_string(i + 1), std::to_string(props_json.size())});
      return fail(creating_failed("Unable to save the post."), media_type, settings);
    }
    if (priority && json::rune_count(priority->priority) > 32) {
      const auto inner = loc.member(req.priority->offset, "priority");
      diags.add(Code::priority_too_long, inner ? inner->path : "/priority/priority",
                inner && inner->offset ? inner->offset : req.priority->offset, {priority->priority});
      return fail(creating_failed("Unable to save the post."), media_type, settings);
    }

    Post post;
    post.channel = post_channel;
    post.message = std::move(part.message);
    post.type = type;
    post.priority = priority;
    post.bot_tag = true;
    const json::Value* ou = p.find("override_username");
    post.username = (username_on && ou && ou->is_string()) ? ou->text : hook.creator;
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
    result.posts.push_back(std::move(post));
  }
  if (icon_on && !truthy(post_props.find("use_user_icon")) && !icon_url.empty()) {
    const json::Value* oe = post_props.find("override_icon_emoji");
    if (oe && oe->is_string() && !oe->text.empty()) {
      const bool top = !icon_emoji.empty() && oe->text == icon_emoji;
      const PropLoc at = top ? PropLoc{loc.path(req.icon_emoji.offset, "/icon_emoji"), req.icon_emoji.offset}
                             : prop_loc("override_icon_emoji");
      const std::string name = clip_text(oe->text, 64);
      const std::string source = !req.icon_url.value.empty() ? "`icon_url`" : "the hook's icon URL";
      if (auto url = system_emoji_url(oe->text))
        diags.add(Code::override_icon_url_ignored, at.path, at.offset, {source, name, *url});
      else
        diags.add(Code::override_icon_emoji_custom, at.path, at.offset, {name, source});
    }
  }
  if (icon_on && truthy(post_props.find("use_user_icon")) && (!icon_url.empty() || !icon_emoji.empty())) {
    PropLoc pl = prop_loc("use_user_icon");
    diags.add(Code::override_use_user_icon, pl.path, pl.offset);
  }
  return result;
}

}  // namespace mmhook
