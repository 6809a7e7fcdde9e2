// THIN SLICE (to be replaced by the full Slack translation).
#include "mmhook/slack.h"

namespace mmhook {
std::string expand_announcements(std::string_view text) { return std::string(text); }
std::string process_slack_text(std::string_view text) { return std::string(text); }
std::string convert_message_links(std::string_view text) { return std::string(text); }
std::string convert_attachment_links(std::string_view text) { return std::string(text); }
void process_attachments(std::vector<Attachment>&) {}
void parse_attachment_links(std::vector<Attachment>&) {}
}  // namespace mmhook
