// multipart/form-data bodies (spec §1.6): mime/multipart's ReadForm, then Gorilla schema v1.4.1 decoding r.PostForm
// (Go field names, dotted paths, indexes) into the typed Request. Never throws.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "decode/json_payload.h"
#include "mmhook/diagnostic.h"
#include "mmhook/report.h"

namespace mmhook {

struct MultipartOutcome {
  int status = 200;        // 200 = decoded into `payload`; else 400 or 413 with `error`
  ErrorBody error;
  std::string go_error;
  JsonOutcome payload;
};

// Decodes a multipart body whose Content-Type is `content_type`; `limit` is the server's body limit.
MultipartOutcome decode_multipart_payload(std::string_view body, std::string_view content_type, std::size_t limit,
                                          std::string_view media_type, Diagnostics& diags);

}  // namespace mmhook
