// Test helper: normalises HTML to a token list (elements with their meaningful attributes, and text) so that
// output can be compared by structure, text and link targets while class names may differ.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "html_tokens.h"

namespace mmhook::test {

inline std::string decode_entities_for_test(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static constexpr std::pair<std::string_view, std::string_view> ents[] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&#x2F;", "/"}};
      bool done = false;
      for (auto [e, r] : ents) {
        if (s.substr(i, e.size()) == e) { out += r; i += e.size() - 1; done = true; break; }
      }
      if (done) continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// Tokens: "<tag attr=value ...>", "</tag>", or "text". Attribute-less span/div wrappers are dropped.
inline std::vector<std::string> normalize_html(std::string_view html) {
  static constexpr std::string_view kept[] = {"href", "src", "alt", "title", "width", "height", "data-hashtag", "data-mention",
                                              "data-emoticon", "checked", "data-latex"};
  static constexpr std::string_view voids[] = {"br", "img", "input", "hr"};
  std::vector<std::string> out;
  std::vector<bool> dropped_stack;
  std::string text;
  auto flush = [&] {
    std::string c = collapse_space(decode_entities_for_test(text), " \t\n");
    if (!c.empty()) {
      if (!out.empty() && out.back()[0] != '<') out.back() += " " + c;  // adjacent text after dropped wrappers
      else out.push_back(c);
    }
    text.clear();
  };
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') { text.push_back(html[i++]); continue; }
    HtmlTag t;
    if (!read_tag(html, i, t)) { text.append(html.substr(i)); break; }
    const bool closing = t.closing;
    std::string_view tag = t.body;
    if (!tag.empty() && tag.back() == '/') tag.remove_suffix(1);
    const std::size_t k = std::min(tag.find(' '), tag.size());   // this token's name ends at a space only
    const std::string name(tag.substr(0, k));
    bool is_void = false;
    for (auto v : voids) is_void |= name == v;
    if (closing) {
      if (is_void) continue;
      bool dropped = !dropped_stack.empty() && dropped_stack.back();
      if (!dropped_stack.empty()) dropped_stack.pop_back();
      if (dropped) continue;
      flush();
      out.push_back("</" + name + ">");
      continue;
    }
    // attributes
    std::string attrs;
    std::string_view rest = tag.substr(k);
    while (!rest.empty()) {
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      std::size_t eq = rest.find_first_of("= ");
      std::string_view an = rest.substr(0, eq);
      std::string val;
      if (eq != std::string_view::npos && rest[eq] == '=') {
        char q = rest[eq + 1];
        std::size_t ve = rest.find(q, eq + 2);
        if (ve == std::string_view::npos) break;
        val = decode_entities_for_test(rest.substr(eq + 2, ve - eq - 2));
        rest.remove_prefix(ve + 1);
      } else {
        rest.remove_prefix(eq == std::string_view::npos ? rest.size() : eq);
      }
      for (auto kk : kept)
        if (an == kk) attrs += " " + std::string(an) + "=" + val;
    }
    bool drop = (name == "span" || name == "div") && attrs.empty();
    if (!is_void) dropped_stack.push_back(drop);
    if (drop) continue;
    flush();
    out.push_back("<" + name + attrs + ">");
  }
  flush();
  return out;
}

inline std::string join_tokens(const std::vector<std::string>& t) {
  std::string s;
  for (const auto& x : t) s += x + "|";
  return s;
}

}  // namespace mmhook::test
