// The check() properties shared by the four content-type targets (fuzz_check_{json,form,multipart,none}.cpp):
// never throws; deterministic; status/ok/error/posts consistent; diagnostics well-formed and inside the body;
// report JSON well-formed; every post's HTML passes the strict checker; splitting loses nothing.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "html_check.h"
#include "mmhook/check.h"
#include "mmhook/diagnostic.h"
#include "decode/request.h"
#include "translate/slack.h"
#include "simdjson.h"

namespace mmhook::fuzz {

inline bool known_code(std::string_view code) {
  for (std::size_t k = 0; k < code_count(); ++k)
    if (code_info_at(k).name == code) return true;
  return code == "diagnostics.truncated";
}

inline bool valid_pointer(std::string_view p) {
  if (p.empty()) return true;
  if (p[0] != '/') return false;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (p[k] == '~' && (k + 1 >= p.size() || (p[k + 1] != '0' && p[k + 1] != '1'))) return false;
  return true;
}

inline int check_properties(std::string_view body, const std::optional<std::string>& content_type) {
  CheckRequest req;
  req.content_type = content_type;
  req.settings = settings_for(body);

  const Report r = check(body, req);
  const std::string j1 = report_to_json(r);
  MMHOOK_FUZZ_REQUIRE(j1 == report_to_json(check(body, req)), "check() is not deterministic", j1);

  // Outcome consistency.
  const int st = r.status;
  MMHOOK_FUZZ_REQUIRE(st == 200 || st == 400 || st == 403 || st == 404 || st == 413 || st == 500 || st == 501,
                      "status outside the contract's list", std::to_string(st));
  MMHOOK_FUZZ_REQUIRE(r.ok == (st == 200), "ok != (status == 200)", j1);
  if (r.ok) {
    MMHOOK_FUZZ_REQUIRE(!r.error, "ok report with an error body", j1);
    MMHOOK_FUZZ_REQUIRE(!r.posts.empty(), "ok report without posts", j1);
  } else {
    MMHOOK_FUZZ_REQUIRE(r.error && !r.error->id.empty() && !r.error->message.empty(), "failed report without error id/message", j1);
    MMHOOK_FUZZ_REQUIRE(r.posts.empty(), "failed report with posts", j1);
    bool has_error = false;
    for (const Diagnostic& d : r.diagnostics) has_error = has_error || d.severity == Severity::error;
    MMHOOK_FUZZ_REQUIRE(has_error, "failed report without an error diagnostic", j1);
  }

  // Diagnostics: known code, a message, a JSON Pointer, a position inside the body with matching line/column.
  for (const Diagnostic& d : r.diagnostics) {
    MMHOOK_FUZZ_REQUIRE(known_code(d.code), "diagnostic with an undeclared code", d.code);
    MMHOOK_FUZZ_REQUIRE(!d.message.empty(), "diagnostic without a message", d.code);
    MMHOOK_FUZZ_REQUIRE(valid_pointer(d.path), "diagnostic path is not a JSON Pointer", d.code + " " + d.path);
    MMHOOK_FUZZ_REQUIRE(d.offset <= body.size(), "diagnostic offset outside the body",
                        d.code + " offset " + std::to_string(d.offset) + " size " + std::to_string(body.size()));
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t k = 0; k < d.offset; ++k)
      if (body[k] == '\n') { ++line; line_start = k + 1; }
    MMHOOK_FUZZ_REQUIRE(d.line == line && d.column == d.offset - line_start + 1, "line/column do not match the offset",
                        d.code + " offset " + std::to_string(d.offset) + " line " + std::to_string(d.line) + " column " +
                            std::to_string(d.column) + " expected " + std::to_string(line) + ":" +
                            std::to_string(d.offset - line_start + 1));
  }

  // The report JSON parses (when it is valid UTF-8; invalid bytes copied from the body are repaired by the JS layer).
  if (simdjson::validate_utf8(j1.data(), j1.size())) {
    static simdjson::dom::parser parser;
    simdjson::dom::element doc;
    auto err = parser.parse(j1).get(doc);
    MMHOOK_FUZZ_REQUIRE(!err, "report_to_json is not valid JSON", std::string(simdjson::error_message(err)) + ": " + j1);
  }

  // HTML allow-list.
  HtmlPolicy policy;
  policy.extra_schemes = req.settings.custom_url_schemes;
  for (const Post& p : r.posts) {
    std::string v = html_violation(p.html, policy);
    MMHOOK_FUZZ_REQUIRE(v.empty(), "post HTML outside the allow-list", v);
  }

  // Splitting loses nothing: the messages concatenated are the translated text; each within the rune limit.
  if (r.ok) {
    Diagnostics scratch;
    DecodeResult dr = decode_request(body, req.content_type, req.settings, scratch);
    MMHOOK_FUZZ_REQUIRE(dr.status == 200 && dr.request, "check() ok but decode_request failed", j1);
    const std::string expected = convert_message_links(process_slack_text(dr.request->text.value));
    std::string joined;
    const std::size_t limit = static_cast<std::size_t>(req.settings.max_post_size < 1 ? 1 : req.settings.max_post_size);
    for (const Post& p : r.posts) {
      joined += p.message;
      MMHOOK_FUZZ_REQUIRE(go_rune_count(p.message) <= limit, "a split message exceeds max_post_size runes",
                          std::to_string(go_rune_count(p.message)) + " > " + std::to_string(limit));
    }
    MMHOOK_FUZZ_REQUIRE(joined == expected, "posts' messages concatenated differ from the translated text",
                        "joined: " + joined + "\nexpected: " + expected);
  }
  return 0;
}

}  // namespace mmhook::fuzz
