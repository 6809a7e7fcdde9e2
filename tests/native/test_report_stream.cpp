// ReportStream (what the wasm check() uses) writes exactly report_to_json(check()) in pieces.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mmhook/check.h"
#include "mmhook/json.h"

using namespace mmhook;

namespace {

// Splits a batch "[X,[sizes]]" into X and the sizes (digits and commas).
std::string split_batch(const std::string& json, std::vector<std::size_t>& sizes) {
  REQUIRE(json.size() >= 5);
  REQUIRE(json.front() == '[');
  REQUIRE(json.substr(json.size() - 2) == "]]");
  const std::size_t open = json.rfind('[');
  REQUIRE(open != std::string::npos);
  REQUIRE(json[open - 1] == ',');
  sizes.clear();
  for (std::size_t i = open + 1; i < json.size() - 2;) {
    std::size_t end = json.find(',', i);
    if (end == std::string::npos || end > json.size() - 2) end = json.size() - 2;
    sizes.push_back(std::stoul(json.substr(i, end - i)));
    i = end + 1;
  }
  return json.substr(1, open - 2);
}

// Puts each post's HTML (escaped) into its "html":"", the holes from `from` on, in order.
void fill(std::string& posts, std::size_t from, const std::string& html, const std::vector<std::size_t>& sizes) {
  std::size_t at = 0;
  for (std::size_t size : sizes) {
    const std::size_t hole = posts.find("\"html\":\"\"}", from);
    REQUIRE(hole != std::string::npos);
    std::string escaped;
    json::write_string(escaped, std::string_view(html).substr(at, size));
    at += size;
    posts.replace(hole + 7, 2, escaped);
    from = hole + 7 + escaped.size() + 1;
  }
  CHECK(at == html.size());
}

// Joins a stream's pieces back into one Report JSON: first_posts() (the Report with the first batch), then next_posts().
std::string streamed(std::string_view body, const CheckRequest& req, std::size_t budget, std::size_t* batches) {
  ReportStream s(body, req);
  std::string head;
  s.head(head);
  REQUIRE(head.size() >= 3);
  REQUIRE(head.substr(head.size() - 3) == "[]}");
  std::string json, html;
  std::vector<std::size_t> sizes;
  s.first_posts(json, html, budget);
  std::string out = split_batch(json, sizes);
  const std::size_t posts_at = out.find("\"posts\":[");
  REQUIRE(posts_at == head.size() - 11);
  CHECK(out.substr(0, posts_at) == head.substr(0, posts_at));
  fill(out, posts_at, html, sizes);
  REQUIRE(out.substr(out.size() - 2) == "]}");
  out.resize(out.size() - 2);
  *batches = sizes.empty() ? 0 : 1;
  while (!s.done()) {
    s.next_posts(json, html, budget);
    ++*batches;
    std::string posts = split_batch(json, sizes);
    REQUIRE(posts.size() >= 2);
    REQUIRE(posts.front() == '[');
    REQUIRE(posts.back() == ']');
    posts = posts.substr(1, posts.size() - 2);
    fill(posts, 0, html, sizes);
    out.push_back(',');
    out += posts;
  }
  return out + "]}";
}

}  // namespace

TEST_CASE("ReportStream: the streamed pieces are report_to_json(check()), byte for byte") {
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "call **bold** @user :smile: <!channel> #tag\\n";
  const std::string bodies[] = {
      R"({"text":"Hello **world**"})",
      R"({"text":"x","attachments":[{"text":"a *b*","color":"#ff0000","fields":[{"title":"t","value":1,"short":true}]}],"props":{"card":"**c**"}})",
      "{\"text\":\"" + long_text + "\"}",
      R"({"text":)",
      R"({"channel":"town-square"})",
      "payload=%7B%22text%22%3A%22hi%22%7D",
  };
  for (const std::string& body : bodies) {
    for (const char* platform : {"", "mobile"}) {
      for (long limit : {300000L, 100L}) {
        CheckRequest req;
        req.content_type = body.rfind("payload=", 0) == 0 ? "application/x-www-form-urlencoded" : "application/json";
        req.platform = platform;
        req.settings.maximum_payload_size_bytes = limit;
        CAPTURE(body.substr(0, 60));
        CAPTURE(platform);
        CAPTURE(limit);
        const std::string whole = report_to_json(check(body, req));
        std::size_t batches = 0;
        CHECK(streamed(body, req, 1, &batches) == whole);
        std::size_t big_batches = 0;
        CHECK(streamed(body, req, std::size_t{1} << 20, &big_batches) == whole);
        CHECK(big_batches <= 1);
      }
    }
  }
}

TEST_CASE("ReportStream: a long text's posts come in several batches under the budget") {
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "call **bold** @user :smile: <!channel> #tag\\n";
  CheckRequest req;
  req.content_type = "application/json";
  const std::string body = "{\"text\":\"" + text + "\"}";
  std::size_t batches = 0;
  CHECK(streamed(body, req, 64 * 1024, &batches) == report_to_json(check(body, req)));
  CHECK(batches > 1);
}
