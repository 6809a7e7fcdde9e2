// The whole pipeline: decode -> validate -> translate -> split -> render, as one Report.
// Never throws for any input; every problem is a diagnostic.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mmhook/report.h"
#include "mmhook/settings.h"

namespace mmhook {

struct CheckRequest {
  std::optional<std::string> content_type;   // nullopt = no header
  std::string query;                         // the hook URL's query string ("" = none), e.g. "payload=%7B...%7D"
  ServerSettings settings;                   // numbers outside setting_ranges() are replaced by defaults (diagnosed)
  std::vector<Diagnostic> settings_diagnostics;  // from settings_from_json: reported with the check's diagnostics
  std::string platform;                      // whose view posts[].html shows: "web" (default, also "") or "mobile"
};

// Bytes past the server's limit that are still analysed: a body over request_body_limit() gets the server's verdict
// (413 or 400) and, when it is at most max(limit, kAnalysisCap) bytes, every diagnostic of a full check as if the
// limit were raised (no posts: the server creates none). Larger bodies get the verdict and request.analysis_cap.
inline constexpr std::size_t kAnalysisCap = std::size_t{16} << 20;

Report check(std::string_view body, const CheckRequest& req);

// The Report as the contract's JSON (camelCase keys; offsets in bytes).
std::string report_to_json(const Report& r);

}  // namespace mmhook
