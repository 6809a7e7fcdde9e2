// Unit tests of the renderer pieces: markdown details, plain/link-only rendering, footer truncation, and
// linear-time behaviour on cmark-gfm's pathological inputs.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "render/html.h"
#include "render/emoji.h"
#include "render/markdown.h"
#include "render/render.h"
#include "translate/slack.h"

using namespace mmhook;

TEST_CASE("markdown: web-app specifics") {
  MarkdownOptions o;
  CHECK(render_markdown("<b>bold</b>", o) == "<p>&lt;b&gt;bold&lt;/b&gt;</p>");
  CHECK(render_markdown("a\nb", o) == "<p>a\nb</p>");
  CHECK(render_markdown("#tag", o).find("data-hashtag=\"#tag\"") != std::string::npos);
  CHECK(render_markdown("# Title", o) == "<h1 class=\"markdown__heading\">Title</h1>");
  CHECK(render_markdown("- [x] done", o).find("<input type=\"checkbox\" disabled checked>") != std::string::npos);
  CHECK(render_markdown("```js\nx\n```", o).find("language-js") != std::string::npos);
  CHECK(render_markdown("[x](example.com)", o).find("href=\"http://example.com\"") != std::string::npos);
  CHECK(render_markdown(":smile:", o).find("\xF0\x9F\x98\x84") != std::string::npos);
  CHECK(render_markdown("\\:)", o) == "<p>:)</p>");
  o.jumbo = true;
  CHECK(render_markdown(":) :smile:", o).rfind("<span class=\"all-emoji\">", 0) == 0);
  o.enable_latex = true;
  CHECK(render_markdown("```latex\nx^2\n```", o).find("data-latex=\"x^2\"") != std::string::npos);
  CHECK(render_markdown("$x^2$ costs", o).find("mm-latex-inline") != std::string::npos);
  o.enable_latex = false;
  CHECK(render_markdown("$x^2$", o).find("mm-latex-inline") == std::string::npos);
  CHECK(find_emoji("+1").has_value());
  CHECK(emoji_count() > 1500);
}

TEST_CASE("render helpers") {
  std::string long_footer(301, 'a');
  std::string t = truncate_footer(long_footer);
  CHECK(t == std::string(299, 'a') + "\xE2\x80\xA6");
  CHECK(truncate_footer(std::string(300, 'b')) == std::string(300, 'b'));
  std::string multi;
  for (int i = 0; i < 301; ++i) multi += "\xC3\xA9";
  CHECK(truncate_footer(multi).size() == 299 * 2 + 3);
  CHECK(detail::validate_color("good").named == "good");
  CHECK(detail::validate_color("#abc").hex == "#abc");
  CHECK(detail::validate_color("red").named.empty());
  CHECK(detail::validate_color("red").hex.empty());
  CHECK(!detail::is_url_safe("&#106;avascript:alert(1)"));
  CHECK(!detail::is_url_safe(" java script:x"));
  CHECK(render_link_only("**b** [l](https://x.example)", MarkdownOptions{}) ==
        "b <a class=\"theme markdown__link\" href=\"https://x.example\" target=\"_blank\">l</a>");
}

TEST_CASE("slack link scanners are linear") {
  std::string evil;
  for (int i = 0; i < 20000; ++i) evil += "<a|bbbb";
  auto t0 = std::chrono::steady_clock::now();
  std::string a = convert_message_links(evil), b = convert_attachment_links(evil);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  CHECK(a == evil);
  CHECK(b == evil);
  CHECK(ms < 2000);
}

namespace {
double time_render(const std::string& s) {
  MarkdownOptions o;
  auto t0 = std::chrono::steady_clock::now();
  std::string html = render_markdown(s, o);
  CHECK(!html.empty());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("pathological markdown grows linearly") {
  struct Gen {
    const char* name;
    std::string (*make)(int);
  };
  const Gen gens[] = {
      {"nested quotes", [](int n) { return std::string(n, '>') + " x"; }},
      {"nested brackets", [](int n) { return std::string(n, '[') + "x" + std::string(n, ']'); }},
      {"many brackets", [](int n) { std::string s; for (int i = 0; i < n; ++i) s += "[a]("; return s; }},
      {"emphasis run", [](int n) { std::string s; for (int i = 0; i < n; ++i) s += "*a _b "; return s; }},
      {"nested lists", [](int n) { std::string s; for (int i = 0; i < n / 2; ++i) s += "- "; return s + "x"; }},
      {"mentions and emoji", [](int n) { std::string s; for (int i = 0; i < n / 4; ++i) s += "@a :) :x: #ab www.a.com/ "; return s; }},
  };
  for (const Gen& g : gens) {
    double small = time_render(g.make(5000)), big = time_render(g.make(50000));
    INFO(std::string(g.name) << ": 5k " << small << "s, 50k " << big << "s");
    CHECK(big < 0.05 + small * 40);  // 10x input: allow noise, reject quadratic (100x)
  }
}

// Issue 20 item 1: attachment titles render through the web dialect's lexer (no cmark-gfm in the check module); the
// output is the former cmark-gfm link-only renderer's on the titles webhooks send.
TEST_CASE("link-only titles: the web lexer writes what cmark-gfm wrote") {
  const char* titles[] = {
      "Build #42 failed",
      "Deploy to **production** finished",
      "[PR #12: fix the parser](https://github.example/o/r/pull/12)",
      "Alert: <https://grafana.example/d/abc|dashboard> is `firing`",
      "See https://status.example.com/incidents/1 for details",
      "_Nightly_ run: 3 tests ~~failed~~ passed :tada:",
      "Ticket [JIRA-1](https://jira.example/browse/JIRA-1) assigned to @alice",
      "Line one\nline two",
      "# Heading title",
      "> quoted title",
      "- item one\n- item two",
      "a & b < c > d \"quoted\" 'single'",
      "Image ![logo](https://x.example/l.png) here",
      "[bad](javascript:alert(1)) link",
      "Emoji :white_check_mark: and :) face",
      "www.example.com and mailto:a@b.example",
      "",
  };
  for (const char* t : titles) {
    for (bool emoji : {true, false}) {
      INFO(t);
      CHECK(render_link_only(t, MarkdownOptions{}, emoji) == detail::render_link_only_cmark(t, MarkdownOptions{}, emoji));
    }
  }
}
