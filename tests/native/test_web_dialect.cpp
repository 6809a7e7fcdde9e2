// The web dialect (render/web): marked's block/inline rules, linear work on marked's slow patterns, and URL safety.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "render/markdown.h"
#include "render/web/marked.h"

using namespace mmhook;

namespace {
std::string webhtml(std::string_view t) { return render_markdown(t, Dialect::web, MarkdownOptions{}); }
std::string rep(std::string_view s, std::size_t n) {
  std::string o;
  o.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) o += s;
  return o;
}
}  // namespace

TEST_CASE("web dialect: marked's block boundaries") {
  std::string q = webhtml("> quote\n- item");
  CHECK(q.find("<ul") < q.find("</blockquote>"));
  CHECK(webhtml("* a\n+ b").find("</li><li>") != std::string::npos);         // one list
  CHECK(webhtml("1) paren").find("<ol") == std::string::npos);               // not a list marker
  CHECK(webhtml("text\n| a | b |\n|---|---|").find("<table") == std::string::npos);
  CHECK(webhtml("trailing \\\nbackslash").find("<br>") == std::string::npos);
  CHECK(webhtml("[^1]: note") == "<p>[^1]: note</p>");
  CHECK(webhtml("***x***").find("<strong><em>") != std::string::npos);
  CHECK(webhtml("line\n![i](https://example.com/i.png)").find("<br>") != std::string::npos);
  CHECK(webhtml("https://example.com/a] b").find("href=\"https://example.com/a\"") != std::string::npos);
  // the mobile dialect keeps CommonMark's reading
  CHECK(render_markdown("> quote\n- item", Dialect::mobile, MarkdownOptions{}).find("</blockquote><ul") != std::string::npos);
}

TEST_CASE("web dialect: unsafe and obfuscated schemes never reach href or src") {
  for (std::string_view t : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#115;cript:alert(1))",
                             "[x](java\\nscript:alert(1))", "[x]( javascript:alert(1))", "[x](vbscript:msgbox)",
                             "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](javascript:alert(1))", "![x](data:image/png;base64,AA)",
                             "<javascript:alert(1)>", "[x]: javascript:alert(1)\n\n[x]", "[x](&#106;avascript:alert(1))",
                             "[x](jav&#x09;ascript:alert(1))"}) {
    std::string h = webhtml(t);
    INFO(t << " -> " << h);
    CHECK(h.find("href=\"javascript") == std::string::npos);
    CHECK(h.find("href=\"vbscript") == std::string::npos);
    CHECK(h.find("href=\"data") == std::string::npos);
    CHECK(h.find("src=\"data") == std::string::npos);
    CHECK(h.find("src=\"javascript") == std::string::npos);
    CHECK(h.find("<script") == std::string::npos);
  }
}

TEST_CASE("web dialect: work grows linearly on marked's slow patterns") {
  // No timing: the scanner's step counter at 2k and 20k repetitions must grow about 10x, not 100x, and stay under a
  // few steps a byte, far below the search budget (64 a byte): the scanner is linear by itself, not because the budget
  // cut a quadratic search short (which would also change the output). Every search that may fail is counted.
  // Nesting (">" runs, "1. 1. ...") re-lexes each of marked's 100 levels: bounded by that cap instead.
  struct Pattern {
    std::string_view unit;
    std::size_t per_byte;
  };
  for (Pattern pt : std::initializer_list<Pattern>{
           {"*", 16}, {"_", 16}, {"[", 16}, {"|", 16}, {">", 128}, {"**a", 16}, {"__a ", 16}, {"*a _b ", 16}, {"[a](", 16},
           {"](", 16}, {"`", 16}, {"~~a", 16}, {"<div>", 16}, {"<a ", 16}, {"> ", 128}, {"- ", 16}, {"1. ", 128}, {"a\n", 16},
           {"|a|\n", 16}, {"![", 16}, {"\\", 16}, {"http://x.co/(", 16}, {"<!--", 16}, {"&#", 16},
           // marked's quadratic regexes: unclosed HTML blocks and inline tags, attribute quotes, emphasis ladders,
           // URL-like runs with many stops, autolink starts
           {"<div>\n\n", 16}, {"<!--\n\n", 16}, {"<div \"\n\n", 16}, {"<?", 16}, {"<![CDATA[", 16}, {"<!X ", 16},
           {"<a x=\"", 16}, {"[`a", 16}, {"*a **a ***a ", 16}, {"_a __a ___a ", 16}, {"> a\nb\n", 16},
           {"- a\nb\n1. c\n", 16}, {"~", 16}, {"<", 16}, {"&", 16}, {"a\n<div>\n", 16}, {"- a\n\n\n", 16}, {"[a\n", 16},
           {"ab:", 16}, {"www.", 16}, {"a  \n", 16}, {"[[a]", 16}, {"x:y/", 16}, {"> > ", 128}}) {
    std::size_t w1 = 0, w2 = 0;
    const std::string small = rep(pt.unit, 2000), big = rep(pt.unit, 20000);
    mmhook::web::render_markdown(small, MarkdownOptions{}, &w1);
    mmhook::web::render_markdown(big, MarkdownOptions{}, &w2);
    INFO("unit '" << pt.unit << "': " << w1 << " -> " << w2 << " steps for " << big.size() << " bytes");
    CHECK(w2 <= 15 * w1 + 100000);
    CHECK(w2 <= pt.per_byte * big.size() + 4096);
  }
  // A ladder of ever longer backtick runs ("e`e``e```..."): no opener has a closer of its length.
  for (std::size_t bytes : {20000u, 200000u}) {
    std::string ladder;
    for (std::size_t k = 1; ladder.size() < bytes; ++k) ladder += "e" + std::string(k, '`');
    std::size_t w = 0;
    mmhook::web::render_markdown(ladder, MarkdownOptions{}, &w);
    INFO("backtick ladder: " << w << " steps for " << ladder.size() << " bytes");
    CHECK(w <= 16 * ladder.size() + 4096);
  }
}
