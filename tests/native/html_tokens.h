// Test helper shared by the HTML normalisers (test_markdown_normalize.h, webapp_structure.h): one tag at a time, and
// text with its white space collapsed.
#pragma once
#include <string>
#include <string_view>

namespace mmhook::test {

// One tag: what lies between "<" (or "</") and ">".
struct HtmlTag {
  std::string_view body;  // e.g. `a href="x"` or `br/`
  std::string name;       // up to the first space, newline or '/', as written
  bool closing = false;   // "</name>"
};

// Reads the tag opening at html[i] ('<') and moves i past its '>'; false (i unchanged) when no '>' follows.
inline bool read_tag(std::string_view html, std::size_t& i, HtmlTag& t) {
  std::size_t end = html.find('>', i);
  if (end == std::string_view::npos) return false;
  t.body = html.substr(i + 1, end - i - 1);
  i = end + 1;
  t.closing = !t.body.empty() && t.body[0] == '/';
  if (t.closing) t.body.remove_prefix(1);
  std::size_t k = 0;
  while (k < t.body.size() && t.body[k] != ' ' && t.body[k] != '\n' && t.body[k] != '/') ++k;
  t.name = std::string(t.body.substr(0, k));
  return true;
}

// `s` with each run of `space` characters (by default spaces, tabs, CRs and LFs) as one space, none at either end.
inline std::string collapse_space(std::string_view s, std::string_view space = " \t\r\n") {
  std::string c;
  bool sp = false;
  for (char ch : s) {
    if (space.find(ch) != std::string_view::npos) {
      sp = true;
      continue;
    }
    if (sp && !c.empty()) c.push_back(' ');
    sp = false;
    c.push_back(ch);
  }
  return c;
}

}  // namespace mmhook::test
