// Server settings that change the outcome (spec §6.7); defaults are a fresh server and a plain hook.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/diagnostic.h"

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

// The range a Mattermost server accepts for each numeric setting (its own config validation and store limits):
// maxPostSize 4000..2147483647 (PostMessageMaxRunesV1 is the floor), maximumPayloadSizeBytes 1..2147483647,
// minimumHashtagLength 0..2147483647.
struct SettingRange {
  std::string_view name;      // camelCase key
  std::int64_t min;
  std::int64_t max;
  std::int64_t ServerSettings::*field;
  std::int64_t def;
};
const std::vector<SettingRange>& setting_ranges();

// Reads the camelCase JSON of the contract's `Partial<ServerSettings>` over the defaults. Unknown keys, wrong types
// and out-of-range numbers keep the default and are listed in `problems` (settings.* codes, path ""); never throws.
ServerSettings settings_from_json(std::string_view json, std::vector<Diagnostic>* problems = nullptr);

// Replaces every numeric setting that is negative or above its range's max by the default, one
// settings.out_of_range diagnostic each (check() calls it). Library callers that fill ServerSettings themselves may
// go below a server's minimum (tests split at 10 runes); JSON settings are held to the whole range.
void normalize_settings(ServerSettings& s, Diagnostics& diags);

}  // namespace mmhook
