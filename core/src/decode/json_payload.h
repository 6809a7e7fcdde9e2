// The JSON payload (spec §1.3, §1.4): IncomingWebhookRequestFromJSON on a body or a form's payload value, the
// server's retry after escaping raw LF/TAB in six keys, and the diagnostics of both attempts located in the body.
// Never throws.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "decode/json_parse.h"
#include "decode/payload.h"
#include "mmhook/diagnostic.h"

namespace mmhook {

// Maps offsets in the decoded text to the body: unchanged (the body itself), through a form value's OffsetMap, or
// to 0 (text that is not in the body, such as a URL-query payload).
class BodyMap {
 public:
  static BodyMap identity() { return BodyMap(nullptr, true); }
  static BodyMap through(const detail::OffsetMap& map) { return BodyMap(&map, true); }
  static BodyMap nowhere() { return BodyMap(nullptr, false); }
  std::size_t operator()(std::size_t x) const noexcept { return map_ ? map_->map(x) : (in_body_ ? x : 0); }

 private:
  BodyMap(const detail::OffsetMap* map, bool in_body) : map_(map), in_body_(in_body) {}
  const detail::OffsetMap* map_;
  bool in_body_;
};

// What one decoding branch (JSON, form, multipart) made of the body.
struct JsonOutcome {
  bool ok = false;
  std::string go_error;    // Go's error text when !ok
  bool repaired = false;   // decoded only thanks to the control-character retry
  Request request;
};

// IncomingWebhookRequestFromJSON on `text`; every offset (diagnostics, Request, json::Value) is mapped to the body.
JsonOutcome decode_json_payload(std::string_view text, const BodyMap& to_body, Diagnostics& diags);

}  // namespace mmhook
