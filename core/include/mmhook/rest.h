// The REST API follow-up (issue 19 item 4): for a post a webhook body creates, the POST /api/v4/posts request a bot
// sends with its access token to create the same post, the command that sends it, and what differs from the webhook.
// Pure function over text; never throws; every problem is a diagnostic (positions into the webhook body).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/command.h"
#include "mmhook/interact.h"

namespace mmhook {

inline constexpr std::string_view kRestChannelPlaceholder = "mmhookchannelidplaceholder";  // 26 characters
inline constexpr std::string_view kRestServerPlaceholder = "https://mattermost.example.com";

struct RestOptions {
  std::size_t post_index = 0;        // which post of check()'s Report
  std::string server_url;            // the site URL ("" = the placeholder); /api/v4/posts is appended
  std::string channel_id;            // 26-character id ("" = the marked placeholder)
  std::string root_id;               // reply under this post ("" = a root post)
  std::optional<std::string> token;  // written into the command when given; else read from $token_env
  std::string token_env = "MM_TOKEN";
  Shell shell = Shell::posix;
  bool keep_webhook_props = false;  // also send from_webhook/override_*/webhook_display_name as stored
  std::string unknown_shell;        // a shell name rest_options_from_json did not know (reported, posix used)
};

struct RestFollowUp {
  std::optional<HttpRequest> request;   // absent when the webhook body creates no such post
  std::string command;                  // "" when there is no request
  std::vector<Diagnostic> diagnostics;  // positions into the webhook body; option problems at path "" offset 0
  std::vector<std::string> notes;       // what always differs from a webhook (one sentence each)
};

RestFollowUp rest_follow_up(std::string_view body, const CheckRequest& req, const RestOptions& options);
std::string rest_follow_up_to_json(const RestFollowUp& r);
// Reads {postIndex, serverUrl, channelId, rootId, token, tokenEnv, shell, keepWebhookProps}; wrong types are ignored.
RestOptions rest_options_from_json(std::string_view json);

}  // namespace mmhook
