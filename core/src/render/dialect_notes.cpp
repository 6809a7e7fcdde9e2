#include "render/dialect_notes.h"

#include <algorithm>
#include <array>

namespace mmhook {
namespace {

struct Line {
  std::string_view text;  // without the line break
  std::size_t indent = 0; // leading spaces (a tab counts 4)
  std::string_view rest;  // after the indent
};

std::vector<Line> split_lines(std::string_view t) {
  std::vector<Line> out;
  std::size_t b = 0;
  while (b <= t.size()) {
    std::size_t e = t.find('\n', b);
    if (e == std::string_view::npos) e = t.size();
    std::string_view s = t.substr(b, e - b);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    Line l{s, 0, s};
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) { l.indent += s[i] == '\t' ? 4 : 1; ++i; }
    l.rest = s.substr(i);
    out.push_back(l);
    if (e == t.size()) break;
    b = e + 1;
  }
  return out;
}

bool blank(const Line& l) { return l.rest.empty(); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Bullet character of a bullet item line, or 0.
char bullet(const Line& l) {
  const std::string_view r = l.rest;
  if (r.empty() || (r[0] != '-' && r[0] != '*' && r[0] != '+')) return 0;
  if (r.size() > 1 && r[1] != ' ' && r[1] != '\t') return 0;
  return r[0];
}
// Ordered item: number and delimiter ('.' or ')'), or delimiter 0.
struct Ordered { long number = 0; char delim = 0; };
Ordered ordered(const Line& l) {
  const std::string_view r = l.rest;
  std::size_t i = 0;
  while (i < r.size() && i < 9 && is_digit(r[i])) ++i;
  if (i == 0 || i >= r.size() || (r[i] != '.' && r[i] != ')')) return {};
  if (i + 1 < r.size() && r[i + 1] != ' ' && r[i + 1] != '\t') return {};
  return {std::stol(std::string(r.substr(0, i))), r[i]};
}
bool thematic_break(const Line& l) {
  if (l.indent > 3 || l.rest.empty()) return false;
  char c = l.rest[0];
  if (c != '-' && c != '*' && c != '_') return false;
  int n = 0;
  for (char x : l.rest) {
    if (x == c) ++n;
    else if (x != ' ' && x != '\t') return false;
  }
  return n >= 3;
}
bool atx_heading(const Line& l) {
  if (l.indent > 3) return false;
  std::size_t i = 0;
  while (i < l.rest.size() && l.rest[i] == '#') ++i;
  return i >= 1 && i <= 6 && (i == l.rest.size() || l.rest[i] == ' ' || l.rest[i] == '\t');
}
// The fence run ("```", "~~~~", ...) of an opening fence line, or "".
std::string_view fence(const Line& l) {
  if (l.indent > 3 || l.rest.size() < 3 || (l.rest[0] != '`' && l.rest[0] != '~')) return {};
  std::size_t i = 0;
  while (i < l.rest.size() && l.rest[i] == l.rest[0]) ++i;
  if (i < 3) return {};
  if (l.rest[0] == '`' && l.rest.substr(i).find('`') != std::string_view::npos) return {};
  return l.rest.substr(0, i);
}
bool closes(const Line& l, std::string_view open) {
  if (l.indent > 3 || l.rest.empty() || l.rest[0] != open[0]) return false;
  std::size_t i = 0;
  while (i < l.rest.size() && l.rest[i] == open[0]) ++i;
  if (i < open.size()) return false;
  for (std::size_t j = i; j < l.rest.size(); ++j) if (l.rest[j] != ' ' && l.rest[j] != '\t') return false;
  return true;
}
bool block_start(const Line& l) {
  return (l.indent <= 3 && ((!l.rest.empty() && l.rest[0] == '>') || bullet(l) || ordered(l).delim || atx_heading(l) ||
                            thematic_break(l) || !fence(l).empty()));
}

// Cells of a table row (unescaped pipes), or -1 when the line has no pipe.
int table_cells(std::string_view r) {
  while (!r.empty() && (r.back() == ' ' || r.back() == '\t')) r.remove_suffix(1);
  if (r.find('|') == std::string_view::npos) return -1;
  if (!r.empty() && r.front() == '|') r.remove_prefix(1);
  if (!r.empty() && r.back() == '|' && (r.size() < 2 || r[r.size() - 2] != '\\')) r.remove_suffix(1);
  int cells = 1;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '\\') { ++i; continue; }
    if (r[i] == '|') ++cells;
  }
  return cells;
}
bool delimiter_row(std::string_view r) {
  if (r.find('|') == std::string_view::npos || r.find('-') == std::string_view::npos) return false;
  for (char c : r) if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t') return false;
  // every cell: optional ':' then '-'+ then optional ':'
  std::string_view s = r;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (!s.empty() && s.front() == '|') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (!s.empty() && s.back() == '|') s.remove_suffix(1);
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('|', b);
    if (e == std::string_view::npos) e = s.size();
    std::string_view c = s.substr(b, e - b);
    while (!c.empty() && (c.front() == ' ' || c.front() == '\t')) c.remove_prefix(1);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t')) c.remove_suffix(1);
    if (!c.empty() && c.front() == ':') c.remove_prefix(1);
    if (!c.empty() && c.back() == ':') c.remove_suffix(1);
    if (c.empty() || c.find_first_not_of('-') != std::string_view::npos) return false;
    if (e == s.size()) break;
    b = e + 1;
  }
  return true;
}
bool setext_underline(const Line& l) {
  if (l.indent > 3 || l.rest.size() < 2 || (l.rest[0] != '=' && l.rest[0] != '-')) return false;
  std::size_t i = 0;
  while (i < l.rest.size() && l.rest[i] == l.rest[0]) ++i;
  for (std::size_t j = i; j < l.rest.size(); ++j) if (l.rest[j] != ' ' && l.rest[j] != '\t') return false;
  return i >= 2;
}
bool odd_trailing_backslash(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && s[s.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

enum class Prev { none, text, item, quote, table, other };

// An HTML block that may interrupt a paragraph in CommonMark (start conditions 1-6).
bool html_block_start(std::string_view r) {
  if (r.size() < 2 || r[0] != '<') return false;
  if (r.substr(0, 4) == "<!--" || r.substr(0, 2) == "<?" || r.substr(0, 9) == "<![CDATA[") return true;
  std::size_t i = r[1] == '/' ? 2 : 1;
  std::size_t b = i;
  while (i < r.size() && ((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= 'A' && r[i] <= 'Z') || (r[i] >= '0' && r[i] <= '9'))) ++i;
  if (i == b || (i < r.size() && r[i] != ' ' && r[i] != '>' && r[i] != '/' && r[i] != '\t')) return false;
  std::string name;
  for (char c : r.substr(b, i - b)) name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  static constexpr std::string_view tags[] = {"address", "article", "aside", "blockquote", "body", "details", "div", "dl", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "iframe", "li", "main", "nav", "ol", "p",
    "pre", "script", "section", "style", "table", "tbody", "td", "textarea", "th", "thead", "tr", "ul"};
  for (std::string_view t : tags) if (name == t) return true;
  return false;
}

std::string quote_kind(const Line& l) {
  if (bullet(l) || ordered(l).delim) return "a list item";
  if (atx_heading(l)) return "a heading";
  if (!fence(l).empty()) return "a code fence";
  return "a horizontal rule";
}

// One pass over the lines: the state of the block being read and the notes found so far (one per code).
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text), lines_(split_lines(text)) {}

  std::vector<DialectNote> run() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (blank(l)) {
        prev_ = Prev::none;
        para_lines_ = 0;
        continue;
      }
      if (std::string_view f = fence(l); !f.empty()) {
        if (!fenced_block(i, f)) break;
        continue;
      }
      const bool quote = l.indent <= 3 && l.rest[0] == '>';
      if (quote) { prev_ = Prev::quote; para_lines_ = 0; in_item_ = false; continue; }
      if (prev_ == Prev::quote && block_start(l)) note(Code::dialect_block_after_quote, i, quote_kind(l));
      if (prev_ == Prev::quote && !block_start(l) && !(i + 1 < lines_.size() && delimiter_row(lines_[i + 1].rest))) continue;  // lazy quote line
      if (table(i) || list_item(i)) continue;
      if (setext_underline(l) && prev_ == Prev::text) {
        if (para_lines_ >= 2) note(Code::dialect_setext_multiline, i, std::to_string(para_lines_));
        prev_ = Prev::other; para_lines_ = 0;
        continue;
      }
      if (atx_heading(l) || thematic_break(l)) {
        prev_ = Prev::other; para_lines_ = 0; in_item_ = false; list_bullet_.fill(0);
        continue;
      }
      text_line(i);
    }
    std::sort(notes_.begin(), notes_.end(), [](const DialectNote& a, const DialectNote& b) { return a.line < b.line; });
    return std::move(notes_);
  }

 private:
  void note(Code c, std::size_t line, std::string a = {}, std::string b = {}) {
    if (seen_[static_cast<std::size_t>(c)]) return;
    seen_[static_cast<std::size_t>(c)] = true;
    const Line& l = lines_[line];
    // The construct: the trailing backslash of a backslash break, else the line's first non-blank byte.
    const std::size_t at = c == Code::dialect_backslash_break ? static_cast<std::size_t>(l.text.data() - text_.data()) + l.text.size() - 1
                                                              : static_cast<std::size_t>(l.rest.data() - text_.data());
    notes_.push_back({c, line + 1, at, std::move(a), std::move(b)});
  }

  // A fenced code block opened by line i with fence f: i moves to its closing line. False when it is never closed.
  bool fenced_block(std::size_t& i, std::string_view f) {
    const Line& l = lines_[i];
    std::size_t j = i + 1;
    while (j < lines_.size() && !closes(lines_[j], f)) ++j;
    if (j == lines_.size()) { note(Code::dialect_fence_unclosed, i, std::string(f)); return false; }
    if (prev_ == Prev::quote && l.indent <= 3) note(Code::dialect_block_after_quote, i, quote_kind(l));
    const bool fence_in_item = in_item_ && l.indent >= item_content_;
    i = j;
    prev_ = Prev::other;
    para_lines_ = 0;
    // Unindented text right after a code block of a list item: marked keeps it in the item.
    if (fence_in_item && i + 1 < lines_.size() && !blank(lines_[i + 1]) && lines_[i + 1].indent == 0 && !block_start(lines_[i + 1]))
      note(Code::dialect_text_after_list_item, i + 1);
    in_item_ = false;
    return true;
  }

  // A table at line i (header row + delimiter row with as many cells): i moves to its last line. False when none.
  bool table(std::size_t& i) {
    const Line& l = lines_[i];
    if (!(l.indent <= 3 && i + 1 < lines_.size() && !setext_underline(lines_[i + 1]) && delimiter_row(lines_[i + 1].rest) &&
          table_cells(l.rest) > 0 && table_cells(l.rest) == table_cells(lines_[i + 1].rest)))
      return false;
    if (prev_ == Prev::text) note(Code::dialect_table_after_text, i);
    const int columns = table_cells(l.rest);
    std::size_t j = i + 2;
    while (j < lines_.size() && !blank(lines_[j]) && !block_start(lines_[j])) {
      const int cells = table_cells(lines_[j].rest);
      if (cells < 0) { note(Code::dialect_text_after_table, j); break; }
      if (cells > columns) note(Code::dialect_table_extra_cells, j, std::to_string(cells), std::to_string(columns));
      ++j;
    }
    i = j - 1;
    if (j < lines_.size() && !blank(lines_[j]) && !block_start(lines_[j])) { i = j; prev_ = Prev::text; para_lines_ = 1; }
    else prev_ = Prev::table;
    in_item_ = false;
    return true;
  }

  // A list item's marker line at i. False when line i is none.
  bool list_item(std::size_t i) {
    const Line& l = lines_[i];
    const char b = bullet(l);
    const Ordered o = ordered(l);
    if (!((b || o.delim) && l.indent <= 3 + (in_item_ ? item_content_ : 0))) return false;
    if (o.delim == ')' && (prev_ != Prev::text || o.number == 1)) {
      std::string n = std::to_string(o.number);
      note(Code::dialect_paren_list, i, n + ")", n + ".");
    }
    if (o.delim == '.' && o.number != 1 && prev_ == Prev::text && !in_item_) note(Code::dialect_list_interrupts_text, i);
    // The list kind at this indent: the bullet character, or '.' / ')' for numbered items.
    const char kind = b ? b : o.delim;
    std::size_t d = std::min<std::size_t>(l.indent, list_bullet_.size() - 1);
    if (list_bullet_[d] && list_bullet_[d] != kind && kind != ')' && list_bullet_[d] != ')') {
      auto shown = [](char k) { return k == '.' ? std::string("1.") : std::string(1, k); };
      note(Code::dialect_list_marker_change, i, shown(list_bullet_[d]), shown(kind));
    }
    list_bullet_[d] = kind;
    for (std::size_t k = d + 1; k < list_bullet_.size(); ++k) list_bullet_[k] = 0;
    in_item_ = true;
    std::size_t marker = b ? 1 : l.rest.find(o.delim) + 1;
    std::size_t sp = 0;
    while (marker + sp < l.rest.size() && l.rest[marker + sp] == ' ') ++sp;
    item_content_ = l.indent + marker + (sp >= 1 && sp <= 4 ? sp : 1);
    item_indent_ = l.indent;
    prev_ = Prev::item;
    para_lines_ = 0;
    return true;
  }

  // Line i when no other block claimed it: an HTML block, a footnote definition, or paragraph text.
  void text_line(std::size_t i) {
    const Line& l = lines_[i];
    // "#word" and HTML block starts under a line of text: each app draws the boundary differently.
    if (prev_ == Prev::text && l.indent <= 3 && l.rest.size() > 1 && l.rest[0] == '#' && l.rest[1] != ' ' && l.rest[1] != '#')
      note(Code::dialect_hash_line, i);
    if (l.indent <= 3 && html_block_start(l.rest)) {
      if (prev_ == Prev::text) note(Code::dialect_html_block, i);
      else if (!in_item_) { prev_ = Prev::other; para_lines_ = 0; return; }  // an HTML block on both sides' terms
    }
    if (l.indent <= 3 && l.rest.size() > 4 && l.rest.substr(0, 2) == "[^" && (prev_ == Prev::none || prev_ == Prev::other)) {
      std::size_t close = l.rest.find("]:");
      std::size_t dest = close == std::string_view::npos ? close : l.rest.find_first_not_of(" \t", close + 2);
      if (dest != std::string_view::npos && close > 2 && l.rest.find_first_of(" \t", dest) == std::string_view::npos)
        note(Code::dialect_footnote, i);
    }
    // Unindented text under a nested item: marked keeps it in the item, the mobile app starts a paragraph (under a
    // top-level item both apps end the list).
    if (in_item_ && l.indent == 0 && prev_ == Prev::item && item_indent_ > 0) note(Code::dialect_text_after_list_item, i);
    if (in_item_ && l.indent == 0) in_item_ = false;
    if (!in_item_ && l.indent == 0) list_bullet_.fill(0);
    if ((prev_ == Prev::text || prev_ == Prev::item) && i > 0 && odd_trailing_backslash(lines_[i - 1].text))
      note(Code::dialect_backslash_break, i - 1);
    prev_ = in_item_ ? Prev::item : Prev::text;
    ++para_lines_;
  }

  std::string_view text_;
  std::vector<Line> lines_;
  std::vector<DialectNote> notes_;
  std::array<bool, static_cast<std::size_t>(Code::count_)> seen_{};
  Prev prev_ = Prev::none;
  int para_lines_ = 0;
  bool in_item_ = false;              // inside a list item (its marker line or lines indented under it)
  std::size_t item_content_ = 0;      // content column of the last item
  std::size_t item_indent_ = 0;       // indent of the last item's marker
  std::array<char, 16> list_bullet_{};  // bullet of the current list at each indent (0 = none)
};

}  // namespace

std::vector<DialectNote> dialect_notes(std::string_view text) {
  if (text.find('\n') == std::string_view::npos && text.find(')') == std::string_view::npos) return {};
  return Scanner(text).run();
}

}  // namespace mmhook
