// Go's mime.ParseMediaType (the rules net/http and the webhook handler apply to Content-Type).
// Pure; never throws.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mmhook::detail {

struct MediaType {
  std::string type;            // lower-cased "type/subtype" (or a bare token); "" when `error` is fatal
  std::vector<std::pair<std::string, std::string>> params;  // lower-cased names; RFC 2231 single-part decoded
  std::string error;           // Go's error text, "" when none ("mime: invalid media parameter" keeps `type`)
  bool invalid_parameter() const { return error == "mime: invalid media parameter"; }
  const std::string* param(std::string_view name) const;
};

MediaType parse_media_type(std::string_view v);

// strings.ToLower for what matters in media types and JSON keys: ASCII, plus the Kelvin sign (U+212A) that lowers to
// 'k'; every other byte unchanged.
std::string go_lower(std::string_view s);

}  // namespace mmhook::detail
