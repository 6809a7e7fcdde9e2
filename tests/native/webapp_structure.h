// Test helper: the structure webapp_formatting.md compares. Tokens are the elements p h1-h6 blockquote ul ol li
// table thead tbody tr th td hr br em strong del code a(href) img(src), code blocks by language and content, emoji
// by name, mentions by name, hashtags by tag, and visible text with whitespace runs collapsed.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "common/utf8.h"
#include "html_tokens.h"
#include "render/html.h"

namespace mmhook::test {

// Inner HTML of the first element carrying data-role="<role>" (balanced on that element's tag name); "" if none.
inline std::string inner_of_role(std::string_view html, std::string_view role) {
  std::string needle = "data-role=\"" + std::string(role) + "\"";
  std::size_t at = html.find(needle);
  if (at == std::string_view::npos) return {};
  std::size_t open = html.rfind('<', at);
  std::size_t name_end = html.find_first_of(" >", open);
  std::string name(html.substr(open + 1, name_end - open - 1));
  std::size_t start = html.find('>', at) + 1;
  int depth = 1;
  std::size_t i = start;
  while (i < html.size()) {
    std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    bool closing = lt + 1 < html.size() && html[lt + 1] == '/';
    std::size_t nb = lt + (closing ? 2 : 1);
    std::size_t ne = nb;
    while (ne < html.size() && html[ne] != ' ' && html[ne] != '>' && html[ne] != '/') ++ne;
    if (html.substr(nb, ne - nb) == name) {
      if (closing && --depth == 0) return std::string(html.substr(start, lt - start));
      if (!closing) ++depth;
    }
    i = lt + 1;
  }
  return std::string(html.substr(start));
}

inline std::string decode_html_text(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> named[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "},
      {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"}, {"trade", "\xE2\x84\xA2"}, {"hellip", "\xE2\x80\xA6"},
      {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"}};
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        bool done = false;
        if (!ent.empty() && ent[0] == '#') {
          unsigned long cp = 0;
          bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
          std::string digits(ent.substr(hex ? 2 : 1));
          if (!digits.empty()) {
            cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
            mmhook::append_utf8(out, static_cast<char32_t>(cp));
            done = true;
          }
        } else {
          for (auto [n, r] : named) if (ent == n) { out += r; done = true; break; }
        }
        if (done) { i = semi; continue; }
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

inline std::string attr_of(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while ((i = tag.find(name, i)) != std::string_view::npos) {
    bool start_ok = i > 0 && (tag[i - 1] == ' ' || tag[i - 1] == '\n');
    std::size_t e = i + name.size();
    if (start_ok && e + 1 < tag.size() && tag[e] == '=' && (tag[e + 1] == '"' || tag[e + 1] == '\'')) {
      char q = tag[e + 1];
      std::size_t ve = tag.find(q, e + 2);
      if (ve == std::string_view::npos) return {};
      return decode_html_text(tag.substr(e + 2, ve - e - 2));
    }
    i = e;
  }
  return {};
}
inline bool has_attr(std::string_view tag, std::string_view name) {
  std::size_t i = 0;
  while ((i = tag.find(name, i)) != std::string_view::npos) {
    if (i > 0 && tag[i - 1] == ' ' && (i + name.size() >= tag.size() || tag[i + name.size()] == '=' || tag[i + name.size()] == ' ')) return true;
    i += name.size();
  }
  return false;
}

inline std::vector<std::string> webapp_structure(std::string_view html) {
  static constexpr std::string_view kept[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "table", "thead",
                                              "tbody", "tr", "th", "td", "hr", "br", "em", "strong", "del", "code", "a", "img"};
  std::vector<std::string> out;
  std::string text;
  auto flush = [&] {
    std::string c = collapse_space(decode_html_text(text));
    if (!c.empty()) out.push_back(c);
    text.clear();
  };
  int skip_depth = 0;        // >0: inside an element whose content is summarised (emoji, mention, code block)
  std::string skip_name;
  std::string pending_lang;  // our code block: language from the wrapper div, content from <pre>
  bool in_pre = false;
  std::string pre_text;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      if (skip_depth == 0) (in_pre ? pre_text : text).push_back(html[i]);
      ++i;
      continue;
    }
    HtmlTag t;
    if (!read_tag(html, i, t)) { text.append(html.substr(i)); break; }
    std::string_view tag = t.body;
    const bool closing = t.closing;
    std::string name = t.name;
    for (char& ch : name) if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    if (skip_depth > 0) {
      if (name == skip_name) skip_depth += closing ? -1 : 1;
      continue;
    }
    if (in_pre) {
      if (closing && name == "pre") {
        in_pre = false;
        out.push_back("<codeblock lang=" + pending_lang + ">" + decode_html_text(pre_text) + "</codeblock>");
        pre_text.clear();
      }
      continue;
    }
    if (!closing) {
      if (has_attr(tag, "data-codeblock-code")) {
        flush();
        out.push_back("<codeblock lang=" + attr_of(tag, "data-codeblock-language") + ">" + attr_of(tag, "data-codeblock-code") + "</codeblock>");
        if (!(tag.size() && tag.back() == '/')) { skip_depth = 1; skip_name = name; }
        continue;
      }
      if (name == "div" && has_attr(tag, "data-codeblock-language")) pending_lang = attr_of(tag, "data-codeblock-language");
      else if (name == "div" && tag.find("post-code") != std::string_view::npos) pending_lang.clear();
      if (name == "pre") { flush(); in_pre = true; continue; }
      if (has_attr(tag, "data-emoticon")) { flush(); out.push_back("<emoji " + attr_of(tag, "data-emoticon") + ">"); skip_depth = 1; skip_name = name; continue; }
      if (has_attr(tag, "data-mention")) { flush(); out.push_back("<mention " + attr_of(tag, "data-mention") + ">"); skip_depth = 1; skip_name = name; continue; }
      if (has_attr(tag, "data-hashtag")) { flush(); out.push_back("<hashtag " + attr_of(tag, "data-hashtag") + ">"); skip_depth = 1; skip_name = name; continue; }
      if (has_attr(tag, "data-latex")) { flush(); out.push_back("<latex " + attr_of(tag, "data-latex") + ">"); skip_depth = 1; skip_name = name; continue; }
    }
    bool keep = false;
    for (auto kk : kept) keep |= name == kk;
    if (!keep) continue;
    flush();
    if (closing) {
      if (name != "br" && name != "hr" && name != "img") out.push_back("</" + name + ">");
      continue;
    }
    if (name == "a") out.push_back("<a href=" + attr_of(tag, "href") + ">");
    else if (name == "img") out.push_back("<img src=" + attr_of(tag, "src") + ">");
    else out.push_back("<" + name + ">");
  }
  flush();
  return out;
}

}  // namespace mmhook::test
