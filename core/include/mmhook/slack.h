// Slack-compatibility translation (spec §4), pure string functions.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/payload.h"

namespace mmhook {

// <!channel>/<!here>/<!all> -> @channel/@here/@all (exact, case-sensitive).
std::string expand_announcements(std::string_view text);
// expand_announcements + <@id> handling (no user directory offline: ids stay literal).
std::string process_slack_text(std::string_view text);
// Message regex <([^\n<\|>]+)\|([^\|\n>]+)> -> [$2]($1).
std::string convert_message_links(std::string_view text);
// Attachment regex <([^<\|]+)\|([^>]+)> -> [$2]($1).
std::string convert_attachment_links(std::string_view text);
// ProcessMessageAttachments: process_slack_text on pretext, text, title and string field values.
void process_attachments(std::vector<Attachment>& attachments);
// ParseMessageAttachment: convert_attachment_links on text, pretext and string field values.
void parse_attachment_links(std::vector<Attachment>& attachments);

}  // namespace mmhook
