// check(): bodies over the server's limit keep the server's verdict but are analysed in full up to the cap.
#include <doctest/doctest.h>

#include <string>

#include "mmhook/check.h"
#include "decode/request.h"

namespace {

const mmhook::Diagnostic* find(const mmhook::Report& r, std::string_view code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

mmhook::CheckRequest json_request(std::int64_t max_payload = 300000) {
  mmhook::CheckRequest req;
  req.content_type = "application/json";
  req.settings.maximum_payload_size_bytes = max_payload;
  return req;
}

}  // namespace

TEST_CASE("a body over the limit keeps the server's 400 and is still analysed to its end") {
  // 1000-byte limit (488 + 512); an unknown key and a bad type sit past the limit.
  std::string body = "{\"text\":\"" + std::string(2000, 'a') + "\",\"usernme\":\"x\",\"props\":7}";
  auto r = mmhook::check(body, json_request(488));
  CHECK(r.status == 400);
  CHECK_FALSE(r.ok);
  CHECK(r.posts.empty());
  REQUIRE(find(r, "request.too_large"));
  CHECK(find(r, "request.too_large")->offset == 1000);
  REQUIRE(find(r, "request.over_limit_analysed"));
  CHECK(find(r, "request.over_limit_analysed")->message.find(std::to_string(body.size()) + " bytes") != std::string::npos);
  const auto* unknown = find(r, "payload.unknown_key");
  REQUIRE(unknown);
  CHECK(unknown->offset > 1000);
  CHECK(unknown->offset < body.size());
  // The truncated read's own EOF error is the verdict's detail, not a diagnostic of the analysis.
  CHECK(r.error->detailed_error.find("unexpected EOF") != std::string::npos);
}

TEST_CASE("a JSON value that ends before the limit is accepted even if more bytes follow") {
  std::string body = "{\"text\":\"hi\"}" + std::string(2000, ' ');
  auto r = mmhook::check(body, json_request(488));
  CHECK(r.status == 200);
  CHECK(r.posts.size() == 1);
  CHECK_FALSE(find(r, "request.over_limit_analysed"));
}

TEST_CASE("form bodies over the limit: 413 and the analysis says what the server would do with the limit raised") {
  mmhook::CheckRequest req;
  req.content_type = "application/x-www-form-urlencoded";
  req.settings.maximum_payload_size_bytes = 0;
  std::string body = "payload=%7B%22text%22%3A%22" + std::string(600, 'b') + "%22%7D";
  auto r = mmhook::check(body, req);
  CHECK(r.status == 413);
  REQUIRE(find(r, "request.over_limit_analysed"));
  CHECK(find(r, "request.over_limit_analysed")->message.find("answer 200, creating 1 post(s)") != std::string::npos);
}

TEST_CASE("past the analysis cap only the verdict and request.analysis_cap are reported") {
  std::string body = "{\"text\":\"" + std::string(mmhook::kAnalysisCap, 'a') + "\",\"bad\":1}";
  auto r = mmhook::check(body, json_request());
  CHECK(r.status == 400);
  REQUIRE(find(r, "request.analysis_cap"));
  CHECK(find(r, "request.analysis_cap")->severity == mmhook::Severity::warning);
  CHECK(find(r, "request.too_large"));
  CHECK_FALSE(find(r, "request.over_limit_analysed"));
  CHECK_FALSE(find(r, "payload.unknown_key"));
  CHECK(r.diagnostics.size() == 2);
}

TEST_CASE("a limit above the cap is honoured: a body under it is checked normally") {
  std::string body = "{\"text\":\"" + std::string(mmhook::kAnalysisCap + 10, 'a') + "\"}";
  auto r = mmhook::check(body, json_request(static_cast<std::int64_t>(mmhook::kAnalysisCap) * 2));
  CHECK(r.status == 200);
  CHECK_FALSE(find(r, "request.analysis_cap"));
  CHECK(mmhook::request_body_limit(json_request(-1).settings) == 512);
}
