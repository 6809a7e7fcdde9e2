// Issue 17 item 8: URLs that look relative but that browsers resolve to another host (WHATWG URL parsing: '\' is
// '/' for special schemes, a leading "//" is scheme-relative) are rendered as what the browser would load.
#include <doctest/doctest.h>

#include <string>

#include "mmhook/check.h"
#include "render/html.h"
#include "render/markdown.h"

using namespace mmhook;

namespace {
std::string post_html(const std::string& body) {
  CheckRequest req;
  req.content_type = "application/json";
  Report r = check(body, req);
  REQUIRE(r.posts.size() == 1);
  return r.posts[0].html;
}
}  // namespace

TEST_CASE("browser_url: backslashes and scheme-relative forms become the absolute URL a browser loads") {
  CHECK(detail::browser_url("/\\evil.test/x") == "https://evil.test/x");
  CHECK(detail::browser_url("\\\\evil.test") == "https://evil.test");
  CHECK(detail::browser_url("//evil.test") == "https://evil.test");
  CHECK(detail::browser_url(" \\/evil.test") == "https://evil.test");
  CHECK(detail::browser_url("/path\\to?q=a\\b") == "/path/to?q=a\\b");
  CHECK(detail::browser_url("/ok/path") == "/ok/path");
  CHECK(detail::browser_url("https://a.test/\\x") == "https://a.test/\\x");
}

TEST_CASE("markdown links and images: /\\host and \\\\host are not relative") {
  MarkdownOptions o;
  // Markdown source: [a](/\evil.test) ![i](\\\\evil.test/x.png) (an escaped backslash is one backslash).
  std::string html = render_markdown("[a](/\\evil.test) ![i](\\\\\\\\evil.test/x.png) ![j](/ok.png)", o);
  CHECK(html.find("href=\"https://evil.test\"") != std::string::npos);
  // The web dialect keeps marked's backslashes in the destination (https:////evil.test): absolute either way.
  CHECK((html.find("src=\"https://evil.test/x.png\"") != std::string::npos ||
         html.find("src=\"https:////evil.test/x.png\"") != std::string::npos));
  CHECK(html.find("src=\"/ok.png\"") != std::string::npos);
  CHECK(html.find("\\evil") == std::string::npos);
}

TEST_CASE("attachment image, thumb, author and footer icons: scheme-relative URLs are absolute") {
  std::string html = post_html(R"({"attachments":[{"text":"t","image_url":"\\\\evil.test/a.png",)"
                               R"("thumb_url":"/\\evil.test/b.png","footer":"f","footer_icon":" //evil.test/c.png"}]})");
  CHECK(html.find("src=\"https://evil.test/a.png\"") != std::string::npos);
  CHECK(html.find("src=\"https://evil.test/b.png\"") != std::string::npos);
  CHECK(html.find("src=\"https://evil.test/c.png\"") != std::string::npos);
}

TEST_CASE("Slack <#C1|x> becomes [x](#C1), which the web app links as http://#C1 (renderer.tsx prefixes http://)") {
  std::string html = post_html(R"({"text":"see <#C024BE7LR|general>"})");
  CHECK(html.find("<a class=\"theme markdown__link\" href=\"http://#C024BE7LR\" rel=\"noreferrer\" target=\"_blank\">"
                  "general</a>") != std::string::npos);
}
