#include <doctest/doctest.h>

#include "mmhook/check.h"
#include "mmhook/version.h"

using namespace mmhook;

TEST_CASE("thin slice: a JSON payload's text is rendered as Markdown") {
  CheckRequest req;
  req.content_type = "application/json";
  Report r = check(R"({"text": "Hello **world**"})", req);
  CHECK(r.ok);
  CHECK(r.status == 200);
  REQUIRE(r.posts.size() == 1);
  CHECK(r.posts[0].message == "Hello **world**");
  CHECK(r.posts[0].html.find("<strong>world</strong>") != std::string::npos);
  std::string js = report_to_json(r);
  CHECK(js.find("\"ok\":true") != std::string::npos);
  CHECK(version() == "0.1.0");
  CHECK(cmark_gfm_version() == "0.29.0.gfm.13");
  CHECK(simdjson_version() == "3.9.4");
}
