// splitWebhookPost (spec 3.9): cuts the message every max_post_size runes and packs attachments into the last
// split while the props JSON (Go json.Marshal) stays within 760000 runes. Pure; never throws; linear time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/json.h"

namespace mmhook {

inline constexpr std::size_t kPostPropsMaxUserRunes = 760000;  // per split, checked while splitting
inline constexpr std::size_t kPostPropsMaxRunes = 800000;      // per post, checked when saving
inline constexpr std::size_t kPostPropsMaxBytes = 1 << 20;     // database column

struct SplitPost {
  std::string message;
  std::size_t message_rune_offset = 0;                   // start of this message in the whole text (runes)
  json::Value attachments = json::Value::make_array();   // stored attachment objects in this split (maybe none)
};

enum class SplitError { none, props_too_large, attachment_too_large };

struct SplitEvent {
  enum class Kind { moved, truncated } kind = Kind::moved;
  std::size_t attachment = 0;  // index in the input list
  std::size_t post = 0;        // index of the split it went to
  std::size_t runes = 0;       // truncated: runes cut from its text
};

struct SplitResult {
  SplitError error = SplitError::none;
  std::size_t error_attachment = 0;  // attachment_too_large: which one
  std::size_t error_runes = 0;       // props_too_large: base props runes; attachment_too_large: overflow
  std::vector<SplitPost> posts;
  std::vector<SplitEvent> events;
  bool ok() const noexcept { return error == SplitError::none; }
};

// `base_props`: every prop except attachments (an object without duplicate keys); `attachments`: stored JSON
// objects (stored.h). max_post_size below 1 is treated as 1.
SplitResult split_webhook_post(std::string_view message, const json::Value& base_props,
                               std::vector<json::Value> attachments, std::int64_t max_post_size);

// The props of one split as stored: base_props plus "attachments" when the split has any.
json::Value split_props(const json::Value& base_props, const SplitPost& post);

// Runes of Go's json.Marshal of v (HTML-safe escaping).
std::size_t go_json_runes(const json::Value& v);
// Bytes taken by the first n runes of s, decoding like Go's range loop (an invalid byte is one rune).
std::size_t rune_prefix_bytes(std::string_view s, std::size_t n) noexcept;

}  // namespace mmhook
