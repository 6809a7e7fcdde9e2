// Server settings that change the outcome (spec §6.7); defaults are a fresh server and a plain hook.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mmhook {

struct HookSettings {
  std::string display_name = "Incoming Webhook";
  std::string creator = "webhook-owner";   // username shown when overrides are off
  std::string channel = "town-square";
  bool channel_locked = false;
  std::string username;                    // the hook's own default username
  std::string icon_url;
};

struct ServerSettings {
  bool enable_post_username_override = false;
  // The user gave EnablePostUsernameOverride (the JSON key is present) rather than leaving mmhook to assume the
  // default: an ignored `username` is then a warning about their server, otherwise an info about what the post shows.
  bool username_override_stated = false;
  bool enable_post_icon_override = false;
  std::int64_t max_post_size = 16383;            // runes
  std::int64_t maximum_payload_size_bytes = 300000;
  bool enable_latex = false;
  bool enable_inline_latex = true;
  bool enable_svgs = false;
  std::vector<std::string> custom_url_schemes;
  std::int64_t minimum_hashtag_length = 3;
  bool post_priority = true;
  bool enable_incoming_webhooks = true;
  bool enable_developer = true;                  // detailed_error filled (the contract documents it so)
  HookSettings hook;
  // The server's directory, when the user supplies it: channel names of the hook's team and usernames.
  // nullopt (default) = unknown: any well-formed name is assumed to exist (an info says so).
  std::optional<std::vector<std::string>> known_channels;
  std::optional<std::vector<std::string>> known_users;
};

// Reads the camelCase JSON of the contract's `Partial<ServerSettings>` over the defaults.
// Unknown keys and wrong types are ignored and listed in `problems` (one line each); never throws.
ServerSettings settings_from_json(std::string_view json, std::vector<std::string>* problems = nullptr);

}  // namespace mmhook
