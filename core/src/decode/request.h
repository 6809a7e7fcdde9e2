// Request decoding exactly as the server's web layer does it (spec §1): content type, form/multipart, body limit,
// JSON with Go encoding/json semantics, control-character repair, attachment normalisation.
// Never throws; failures are a status + error body + located diagnostics.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "mmhook/diagnostic.h"
#include "decode/payload.h"
#include "mmhook/report.h"
#include "mmhook/settings.h"

namespace mmhook {

struct DecodeResult {
  int status = 200;                   // 200 = decoded; otherwise the server's error status
  std::optional<ErrorBody> error;     // the server's error body when status != 200
  std::string media_type;             // parsed media type, "" when no header was sent
  std::optional<Request> request;     // the decoded request when status == 200
  std::string decoded_by;             // "json", "form" or "multipart"; "" when decoding stopped before a branch
  std::string go_error;               // the Go error text behind a decode failure ("EOF", "json: cannot unmarshal ...")
  bool control_char_repaired = false; // decoded only thanks to the server's LF/TAB repair retry
};

// The number of body bytes the server reads: MaximumPayloadSizeBytes + 512 (512 when the setting is negative).
std::size_t request_body_limit(const ServerSettings& settings) noexcept;

// All offsets in the result (diagnostics, Request fields, json::Value::offset) are byte offsets into `body`.
DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            const ServerSettings& settings, Diagnostics& diags);
// The same with the request URL's query string (with or without the leading '?'): form-urlencoded requests may carry
// `payload` there, and a malformed query fails the request (400). Query positions are reported at offset 0.
DecodeResult decode_request(std::string_view body, const std::optional<std::string>& content_type,
                            std::string_view query, const ServerSettings& settings, Diagnostics& diags);

}  // namespace mmhook
