// The typed incoming-webhook request (spec §2), as Go's decoder would fill it.
// Every field keeps the byte offset of its value in the body (0 when absent) and its JSON Pointer for diagnostics:
// the pointer the decoder read it at, or where a missing value would be ("" for hand-built nested values).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/json.h"

namespace mmhook {

template <class T>
struct Located {
  T value{};
  bool present = false;       // key was in the body (even if null)
  std::size_t offset = 0;     // byte offset of the value
  std::string pointer;        // JSON Pointer of the value
};
// A Located<T> whose pointer, when not decoded, is `ptr` (a top-level field of the request).
template <class T>
Located<T> at_pointer(const char* ptr) {
  Located<T> l;
  l.pointer = ptr;
  return l;
}

struct ActionOption {
  std::string text, value;
  std::size_t offset = 0;
  std::string pointer;
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
  std::string pointer;
};

struct Field {
  Located<std::string> title;
  json::Value value;          // as decoded; stringified (Go %v) after normalisation, null stays null
  json::Kind original_kind = json::Kind::null;  // kind before stringification (null also when not recorded)
  std::string original_text;  // a number's text as written, when recorded
  bool is_short = false;
  std::size_t offset = 0;
  std::string pointer, value_pointer;   // of the field object and of its value
};

struct Attachment {
  std::int64_t id = 0;
  Located<std::string> fallback, color, pretext, author_name, author_link, author_icon, title, title_link, text,
      image_url, thumb_url, footer, footer_icon;
  std::optional<std::vector<Field>> fields;    // nullopt = none (null/absent/empty after normalisation)
  json::Value ts;                              // any; null when absent
  std::vector<Action> actions;
  std::size_t offset = 0;
  std::string pointer, ts_pointer;      // of the attachment object and of `ts`
};

struct Priority {
  std::optional<std::string> priority;         // nullopt = missing or null
  std::optional<bool> requested_ack, persistent_notifications;
  std::size_t offset = 0;
  std::string pointer = "/priority";
  // Where each member's value was read; the object's own offset and pointer for a member not read from JSON.
  std::size_t priority_offset = 0, requested_ack_offset = 0, persistent_notifications_offset = 0;
  std::string priority_pointer = "/priority/priority", requested_ack_pointer = "/priority",
              persistent_notifications_pointer = "/priority";
};

// Where the payload's JSON text sits in the body, so a byte index inside a decoded string can be mapped back to the
// body: JSON (the body itself), a form value (percent-encoded JSON), raw multipart values, or not in the body.
struct TextSource {
  enum class Kind : std::uint8_t { none, json, form, raw };
  std::string_view body;      // borrowed: valid only while the body passed to decoding is
  Kind kind = Kind::none;
};

struct Request {
  Located<std::string> text = at_pointer<std::string>("/text"), username = at_pointer<std::string>("/username"),
                       icon_url = at_pointer<std::string>("/icon_url"), channel = at_pointer<std::string>("/channel"),
                       type = at_pointer<std::string>("/type"), icon_emoji = at_pointer<std::string>("/icon_emoji");
  json::Value props;                           // object, or null when absent/null
  std::size_t props_offset = 0;
  std::string props_pointer = "/props";
  std::optional<std::vector<Attachment>> attachments;  // nullopt = nil after normalisation
  std::size_t attachments_offset = 0;
  std::optional<Priority> priority;
  TextSource source;                           // set by decode_request; none for hand-built requests
};

// The body offset of byte `index` of a decoded string value whose first character (the opening quote, or the value
// itself for raw sources) is at body offset `value_offset`. Falls back to `value_offset` when the source is unknown
// or does not start a string there. Forward calls with growing indices resume where the last stopped, so a scan of
// one string is linear.
class StringPositions {
 public:
  StringPositions(const TextSource& src, std::size_t value_offset);
  std::size_t at(std::size_t index);

 private:
  bool next_raw(unsigned char& c, std::size_t& at);   // next byte of JSON text and its body offset
  bool step();                                        // consumes one decoded character
  TextSource src_;
  std::size_t start_;
  std::size_t pos_ = 0;        // next body offset to read
  std::size_t decoded_ = 0;    // decoded bytes before the character at char_at_
  std::size_t char_at_ = 0;    // body offset of the next character
  bool ok_ = false, done_ = false;
};

}  // namespace mmhook
