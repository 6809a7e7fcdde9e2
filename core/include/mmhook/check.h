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
  PositionUnits units = PositionUnits::bytes;  // of the Report's diagnostic positions (utf16: the JS API's strings)
};

// Bytes past the server's limit that are still analysed: a body over request_body_limit() gets the server's verdict
// (413 or 400) and, when it is at most max(limit, kAnalysisCap) bytes, every diagnostic of a full check as if the
// limit were raised (no posts: the server creates none). Larger bodies get the verdict and request.analysis_cap.
inline constexpr std::size_t kAnalysisCap = std::size_t{16} << 20;

Report check(std::string_view body, const CheckRequest& req);

// The Report as the contract's JSON (camelCase keys; positions in the units check() was asked for).
std::string report_to_json(const Report& r);

// check() whose JSON is written a few posts at a time, each post rendered only when written and freed after, so
// neither all posts' HTML nor the whole Report JSON is held at once, and the HTML is never escaped into JSON.
// head() with every next_posts() post appended to "posts", its "html" set from `html`, is report_to_json(check()).
// The body may be released once constructed.
class ReportStream {
 public:
  ReportStream(std::string_view body, CheckRequest req);
  // The Report JSON with "posts":[] (its last three bytes).
  void head(std::string& out) const;
  // The first output of a check, one call: `json` gets [Report JSON whose "posts" holds the first batch,[html byte
  // sizes]], the batch as next_posts() makes it (none when the Report has no posts); `html` as in next_posts().
  void first_posts(std::string& json, std::string& html, std::size_t budget);
  // Writes the next posts, at least one, then more while the output stays under `budget` bytes: `json` gets
  // [[posts, each with "html":""],[html byte sizes]] and `html` their HTML, one after another (both replaced).
  void next_posts(std::string& json, std::string& html, std::size_t budget);
  bool done() const noexcept { return next_ >= report_.posts.size(); }

 private:
  // Appends the next batch's posts (comma-separated) to `json`, their HTML to `html` (replaced); returns "[sizes]".
  std::string batch(std::string& json, std::string& html, std::size_t budget);

  Report report_;
  ServerSettings settings_;
  int dialect_ = 0;
  std::size_t next_ = 0;
};

}  // namespace mmhook
