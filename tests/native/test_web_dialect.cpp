// The web dialect (render/web): marked's block/inline rules, linear work on marked's slow patterns, and URL safety.
#include <doctest/doctest.h>

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
  // No timing: the scanner's step counter at 2k and 20k repetitions must grow about 10x, not 100x, and stay well
  // under the search budget (64 steps a byte), so the bound is the scanner's own and not the budget cutting it off.
  // Every search that may fail (a missing "-->", "</div>", quote or backtick) is counted.
  for (std::string_view unit : {"*", "_", "[", "|", ">", "**a", "__a ", "*a _b ", "[a](", "](", "`", "~~a", "<div>", "<a ",
                                "> ", "- ", "1. ", "a\n", "|a|\n", "[", "![", "\\", "http://x.co/(", "<!--", "&#",
                                // marked's quadratic regexes: unclosed HTML blocks and inline tags, attribute quotes
                                "<div>\n\n", "<!--\n\n", "<div \"\n\n", "<?", "<![CDATA[", "<!X ", "<a x=\"", "[`a",
                                "*a **a ***a ", "_a __a ___a ", "> a\nb\n", "- a\nb\n1. c\n", "~", "<", "&", "a\n<div>\n",
                                "- a\n\n\n", "[a\n"}) {
    std::size_t w1 = 0, w2 = 0;
    const std::string small = rep(unit, 2000), big = rep(unit, 20000);
    mmhook::web::render_markdown(small, MarkdownOptions{}, &w1);
    mmhook::web::render_markdown(big, MarkdownOptions{}, &w2);
    INFO("unit '" << unit << "': " << w1 << " -> " << w2 << " steps for " << big.size() << " bytes");
    CHECK(w2 <= 15 * w1 + 100000);
    CHECK(w2 <= 32 * big.size() + 4096);
  }
}
