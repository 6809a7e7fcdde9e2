#include <doctest/doctest.h>

#include <set>
#include <string>

#include "mmhook/diagnostic.h"

using namespace mmhook;

TEST_CASE("every diagnostic code has a unique dotted name, a message and a doc line") {
  std::set<std::string> names;
  REQUIRE(code_count() > 0);
  for (std::size_t i = 0; i < code_count(); ++i) {
    const CodeInfo& c = code_info_at(i);
    CAPTURE(c.name);
    CHECK(!c.name.empty());
    CHECK(c.name.find('.') != std::string_view::npos);
    CHECK(c.name.find(' ') == std::string_view::npos);
    CHECK(names.insert(std::string(c.name)).second);
    CHECK(c.message.size() > 10);
    CHECK(c.doc.size() > 10);
    CHECK(c.message.back() == '.');
  }
}

TEST_CASE("make_diagnostic fills placeholders and finish() orders and locates") {
  Diagnostics d;
  d.add(Code::json_syntax, "", 7, {"unexpected end"});
  d.add(Code::json_syntax, "", 2, {"x"});
  auto list = std::move(d).finish("ab\ncdefgh");
  REQUIRE(list.size() == 2);
  CHECK(list[0].offset == 2);
  CHECK(list[1].offset == 7);
  CHECK(list[1].line == 2);
  CHECK(list[1].column == 5);
  CHECK(list[1].message.find("unexpected end") != std::string::npos);
  CHECK(pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("diagnostic cap reports how many were dropped") {
  Diagnostics d(2);
  for (int i = 0; i < 5; ++i) d.add(Code::json_syntax, "", 0, {"x"});
  auto list = std::move(d).finish("");
  REQUIRE(list.size() == 3);
  CHECK(list.back().code == "diagnostics.truncated");
  CHECK(list.back().message.find('3') != std::string::npos);
}

TEST_CASE("the cap is per severity: warnings never crowd out an error") {
  Diagnostics d(2);
  Diagnostic w = make_diagnostic(Code::json_syntax, "", 0, {"x"});
  w.severity = Severity::warning;
  for (int i = 0; i < 5; ++i) d.add(w);
  d.add(Code::json_syntax, "", 1, {"y"});
  auto list = std::move(d).finish("ab");
  REQUIRE(list.size() == 4);
  CHECK(list.front().severity == Severity::error);
  CHECK(list.back().code == "diagnostics.truncated");
}

TEST_CASE("message templates: no double punctuation, no quoted prose, one line") {
  // "?." / ".;" / " ." and the like read as typos; `...` quotes code, never a phrase such as `the body`.
  const char* bad[] = {"?.", "?;", "!.", ".;", ";.", ",.", ".,", ";;", " .", " ,", " ;", "`the ", "`a ", "`an ", "``", "}?", ".."};
  for (std::size_t i = 0; i < code_count(); ++i) {
    const CodeInfo& c = code_info_at(i);
    CAPTURE(c.name);
    std::string m(c.message);
    // An ellipsis ("<...|...>", "…") is not double punctuation.
    for (std::size_t p; (p = m.find("...")) != std::string::npos;) m.replace(p, 3, "~");
    for (const char* b : bad) {
      CAPTURE(b);
      CHECK(m.find(b) == std::string::npos);
    }
    for (char ch : c.message) CHECK(static_cast<unsigned char>(ch) >= 0x20);
  }
}
