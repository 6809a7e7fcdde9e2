// Slack-compatibility translation (spec §4), pure string functions.
// The two link regexes are implemented as linear hand-written scanners with Go regexp semantics
// (leftmost-first, non-overlapping, greedy classes).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decode/payload.h"

namespace mmhook {

// Maps a Mattermost user id to its username; nullopt = no such user. Offline there is no directory.
using UserLookup = std::function<std::optional<std::string>(std::string_view id)>;

// <!channel>/<!here>/<!all> -> @channel/@here/@all (exact, case-sensitive).
std::string expand_announcements(std::string_view text);
// Each <@id> (id = [a-zA-Z0-9]+) whose id the lookup knows becomes @username; others stay literal.
std::string replace_user_ids(std::string_view text, const UserLookup& users);
// expand_announcements + <@id> handling (no user directory offline: ids stay literal).
std::string process_slack_text(std::string_view text);
std::string process_slack_text(std::string_view text, const UserLookup& users);
// Message regex <([^\n<\|>]+)\|([^\|\n>]+)> -> [$2]($1).
std::string convert_message_links(std::string_view text);
// Attachment regex <([^<\|]+)\|([^>]+)> -> [$2]($1).
std::string convert_attachment_links(std::string_view text);
// ProcessMessageAttachments: process_slack_text on pretext, text, title and string field values.
void process_attachments(std::vector<Attachment>& attachments);
void process_attachments(std::vector<Attachment>& attachments, const UserLookup& users);
// ParseMessageAttachment: convert_attachment_links on text, pretext and string field values.
void parse_attachment_links(std::vector<Attachment>& attachments);

}  // namespace mmhook
