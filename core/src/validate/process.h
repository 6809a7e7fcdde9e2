// The server's handling after decoding (spec §3, §4 order): text check, Slack translation, channel, overrides,
// props, priority, type, splitting, save-time checks; plus advisory warnings (§5 and mmhook's own).
// Produces the posts without html; never throws.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "mmhook/diagnostic.h"
#include "decode/payload.h"
#include "mmhook/report.h"
#include "mmhook/settings.h"

namespace mmhook {

struct ProcessResult {
  int status = 200;
  std::optional<ErrorBody> error;
  std::optional<ErrorBody> inner;   // the wrapped app error (id, message, detail) behind `error`
  std::vector<Post> posts;   // html left empty; filled by render_post()
};

ProcessResult process_request(const Request& req, const ServerSettings& settings, std::string_view media_type,
                              Diagnostics& diags);

}  // namespace mmhook
