// The typed incoming-webhook request (spec §2), as Go's decoder would fill it.
// Every field keeps the byte offset of its value in the body for diagnostics (0 when absent).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmhook/json.h"

namespace mmhook {

template <class T>
struct Located {
  T value{};
  bool present = false;       // key was in the body (even if null)
  std::size_t offset = 0;     // byte offset of the value
};

struct ActionOption {
  std::string text, value;
  std::size_t offset = 0;
};

struct Integration {
  std::string url;
  json::Value context;        // object or null
  bool present = false;
};

struct Action {
  Located<std::string> id, type, name, tooltip, style, data_source, default_option, cookie;
  Located<bool> disabled;
  std::optional<std::vector<std::optional<ActionOption>>> options;  // nullopt = absent/null
  Integration integration;
  std::size_t offset = 0;
};

struct Field {
  Located<std::string> title;
  json::Value value;          // as decoded; stringified (Go %v) after normalisation, null stays null
  json::Kind original_kind = json::Kind::null;  // kind before stringification (null also when not recorded)
  bool is_short = false;
  std::size_t offset = 0;
};

struct Attachment {
  std::int64_t id = 0;
  Located<std::string> fallback, color, pretext, author_name, author_link, author_icon, title, title_link, text,
      image_url, thumb_url, footer, footer_icon;
  std::optional<std::vector<Field>> fields;    // nullopt = none (null/absent/empty after normalisation)
  json::Value ts;                              // any; null when absent
  std::vector<Action> actions;
  std::size_t offset = 0;
};

struct Priority {
  std::optional<std::string> priority;         // nullopt = missing or null
  std::optional<bool> requested_ack, persistent_notifications;
  std::size_t offset = 0;
};

struct Request {
  Located<std::string> text, username, icon_url, channel, type, icon_emoji;
  json::Value props;                           // object, or null when absent/null
  std::size_t props_offset = 0;
  std::optional<std::vector<Attachment>> attachments;  // nullopt = nil after normalisation
  std::size_t attachments_offset = 0;
  std::optional<Priority> priority;
  json::Value root;                            // the decoded JSON document (for locating any path)
};

}  // namespace mmhook
