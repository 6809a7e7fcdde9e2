// Advisory rules (spec 5 and mmhook's own): what Mattermost only logs or silently does, reported as warnings.
// Pure checks return findings or strings (testable alone); the check_* functions turn them into located
// diagnostics. Never throw; linear in the input.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mmhook/diagnostic.h"
#include "mmhook/json.h"
#include "decode/payload.h"
#include "mmhook/settings.h"

namespace mmhook {

// One advisory problem of an attachment, action or option.
struct Finding {
  Code code;
  std::string text;        // Mattermost's own message (IsValid text) or the quoted value; {0} of the code
  std::string extra;       // {1} of the code
  std::string path;        // relative JSON Pointer, e.g. "/color", "/fields/0/value", "/actions/1/options/0"
  std::size_t offset = 0;  // byte offset of the offending value (0 = unknown: use the parent's)
};

// http(s) URL as Mattermost's IsValidHTTPURL: http:// or https:// prefix and Go url.ParseRequestURI success
// with a non-empty host.
bool is_valid_http_url(std::string_view url) noexcept;
// ^#[0-9a-fA-F]{6}$
bool is_hex_color(std::string_view s) noexcept;
// Post.IsValid type list for non-system types: "", slack_attachment, me, reminder, add_bot_teams_channels,
// burn_on_read, custom_*.
bool is_valid_post_type(std::string_view type) noexcept;

// MessageAttachment.IsValid (fields and actions included), in Mattermost's order and wording.
std::vector<Finding> attachment_findings(const Attachment& a);
// PostAction.IsValid and PostActionOptions.IsValid.
std::vector<Finding> action_findings(const Action& a);
std::vector<Finding> option_findings(const ActionOption& o);

// findAtChannelMention: first (?i)\B@(channel|all|here)\b, lower-cased.
// `at` (optional) receives the byte index of the '@'.
std::optional<std::string> find_at_channel_mention(std::string_view text, std::size_t* at = nullptr);
// ChannelMentions: unique names of \B~[a-zA-Z0-9\-_]+ in order of appearance.
std::vector<std::string> channel_mentions(std::string_view text);
// From attachment pretext, text and string field values (not titles).
std::vector<std::string> channel_mentions_from_attachments(const std::vector<Attachment>& list);
// Unique lower-cased @username mentions (not channel/all/here), as counted for persistent notifications.
std::vector<std::string> user_mentions(std::string_view text);
// Post.propsIsValid for the known props (attachments are checked by attachment_findings), Mattermost's texts.
std::vector<std::string> post_props_problems(const json::Value& props);

// Located advisory checks of every attachment, field, action and option, plus unroutable/duplicate action ids, at
// the pointers the decoder carried. `source` maps positions inside strings to the body (constructs are reported
// where they start).
void check_attachments(const std::vector<Attachment>& list, const ServerSettings& settings,
                       Diagnostics& diags, const TextSource& source = TextSource{});
// mmhook's text checks on one string value: channel-wide mentions, untranslated Slack constructs, Slack bold,
// SVG images; `where` names the value in messages ("the text", "attachments[0].text"). `offset` is the value's
// body offset; each finding is placed at its construct through `source`.
void check_text(std::string_view text, std::string_view where, const std::string& path, std::size_t offset,
                const ServerSettings& settings, Diagnostics& diags, const TextSource& source = TextSource{});

}  // namespace mmhook
