// Web dialect (see marked.h). Each block/inline rule below is a hand-written matcher for the corresponding rule of
// Mattermost's marked fork; searches that a backtracking regex would repeat draw on one work budget proportional to
// the input, so the whole pass is linear (a search that runs out of budget is a non-match).
#include "render/web/marked.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "common/utf8.h"
#include "render/html.h"
#include "render/normalize_text.h"
#include "render/text_format.h"

namespace mmhook::web {

namespace {

using detail::append_attr;
using detail::append_escaped;

constexpr int kMaxDepth = 100;  // marked's block nesting limit; also bounds inline nesting

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_punct(char c) {
  static constexpr std::string_view p = "!\"#$%&'()*+,-./:;<=>?@[^_{|}~";
  return p.find(c) != std::string_view::npos;
}

std::size_t line_end(std::string_view s, std::size_t p) {
  std::size_t e = s.find('\n', p);
  return e == std::string_view::npos ? s.size() : e;
}
std::size_t skip_spaces(std::string_view s, std::size_t p) {
  while (p < s.size() && s[p] == ' ') ++p;
  return p;
}
// Appends each line of `chunk` as strip(line) returns it, keeping the '\n' between lines.
template <class Strip>
void append_stripped_lines(std::string& out, std::string_view chunk, Strip&& strip) {
  for (std::size_t ls = 0;;) {
    const std::size_t nl = chunk.find('\n', ls);
    out.append(strip(chunk.substr(ls, nl == std::string_view::npos ? std::string_view::npos : nl - ls)));
    if (nl == std::string_view::npos) return;
    out.push_back('\n');
    ls = nl + 1;
  }
}
// After `\n+` (or at the end): the position past the newlines, or npos if neither.
std::size_t newlines_or_end(std::string_view s, std::size_t p) {
  if (p >= s.size()) return s.size();
  if (s[p] != '\n') return std::string_view::npos;
  while (p < s.size() && s[p] == '\n') ++p;
  return p;
}
bool only_ws_from(std::string_view s, std::size_t p) {
  for (; p < s.size(); ++p) if (!is_ws(s[p])) return false;
  return true;
}
std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

struct Link {
  std::string href, title;
};

struct Ctx {
  const MarkdownOptions& o;
  detail::TextFormatOptions t;
  std::map<std::string, Link> links;
  std::size_t budget;  // remaining steps for searches
  std::size_t work = 0;
  int images = 0;
  // render_link_only: links kept (without rel/title), other markup dropped to its text, blocks joined by one space.
  bool link_only = false;
  bool link_only_emoji = false;  // format emoji/emoticons in the text (no mentions, hashtags or e-mail links)
  bool spend(std::size_t n) {
    work += n;
    if (budget < n) { budget = 0; return false; }
    budget -= n;
    return true;
  }
  // s.find(what, from) for a closer that may be missing ("-->", "</div>", a quote): the scan is paid from the budget
  // (npos when it runs out), and the last answer per needle and text is kept, so a run of unclosed openers is not
  // rescanned each time (marked's own regexes are quadratic there).
  // Mode any: the first of the characters in `what` (find_first_of); none: the first not among them.
  enum Mode : char { seq = 0, any = 1, none = 2 };
  std::size_t find(std::string_view s, std::string_view what, std::size_t from, Mode mode = seq) {
    constexpr std::size_t npos = std::string_view::npos;
    if (from > s.size()) return npos;
    std::string key(1, static_cast<char>(mode));
    key += what;
    auto it = closers.find(key);
    if (it != closers.end()) {
      const Seen& m = it->second;
      if (m.text == s.data() && m.size == s.size() && from >= m.from && (m.at == npos || m.at >= from)) return m.at;
    } else {
      it = closers.emplace(std::move(key), Seen{}).first;
    }
    const std::size_t window = std::min(s.size() - from, budget);
    const std::string_view w = s.substr(from, window);
    std::size_t e = mode == any ? w.find_first_of(what) : mode == none ? w.find_first_not_of(what) : w.find(what);
    if (e == npos && window < s.size() - from) { spend(window + 1); return npos; }  // out of budget: not remembered
    spend(e == npos ? window : e + 1);
    it->second = Seen{s.data(), s.size(), from, e == npos ? npos : from + e};
    return it->second.at;
  }
  // Whether s[from..] is all whitespace (\s), remembered like find().
  bool only_ws_from(std::string_view s, std::size_t from) { return find(s, " \t\n\r\f\v", from, none) == std::string_view::npos; }
  // The end of the run of characters accepted by `in` that holds s[p] (each run is scanned once, whatever p).
  template <class In>
  std::size_t run_end(std::string_view s, std::size_t p, int kind, In in) {
    Seen& r = runs[kind];
    if (r.text == s.data() && r.size == s.size() && p >= r.from && p <= r.at) return r.at;
    std::size_t q = p;
    while (q < s.size() && in(s[q])) ++q;
    work += q - p;
    r = Seen{s.data(), s.size(), p, q};
    return q;
  }
  // Drops the remembered answers: called wherever the text being scanned may be a new buffer.
  void forget() {
    closers.clear();
    runs[0] = runs[1] = Seen{};
  }

  // Remembered answers (find, run_end); internal to the two.
  struct Seen {
    const char* text = nullptr;
    std::size_t size = 0, from = 0, at = 0;
  };
  std::map<std::string, Seen, std::less<>> closers;
  Seen runs[2];
};

// ---------------------------------------------------------------- block rules

// fences: ^ {0,3}(`{3,}|~{3,})([^`~\n]*)\n(?:|([\s\S]*?)\n)(?: {0,3}\1[~`]* *(?:\n+|$)|$)
struct Fence {
  std::size_t end;
  std::string lang, code;
};
bool closing_fence_at(std::string_view s, std::size_t p, std::string_view fence, std::size_t* end) {
  std::size_t q = p;
  for (int i = 0; i < 3 && q < s.size() && s[q] == ' '; ++i) ++q;
  if (s.substr(q, fence.size()) != fence) return false;
  q += fence.size();
  while (q < s.size() && (s[q] == '~' || s[q] == '`')) ++q;
  q = skip_spaces(s, q);
  std::size_t e = newlines_or_end(s, q);
  if (e == std::string_view::npos) return false;
  *end = e;
  return true;
}
std::optional<Fence> match_fences(std::string_view s, std::size_t p, Ctx& c) {
  std::size_t q = p;
  for (int i = 0; i < 3 && q < s.size() && s[q] == ' '; ++i) ++q;
  if (q >= s.size() || (s[q] != '`' && s[q] != '~')) return std::nullopt;
  char f = s[q];
  std::size_t r = q;
  while (r < s.size() && s[r] == f) ++r;
  if (r - q < 3) return std::nullopt;
  std::string_view fence = s.substr(q, r - q);
  std::size_t le = line_end(s, r);
  std::string_view info = s.substr(r, le - r);
  if (info.find_first_of("`~") != std::string_view::npos || le >= s.size()) return std::nullopt;
  std::size_t body = le + 1;
  for (std::size_t l = body;;) {
    std::size_t end;
    if (!c.spend(1)) return std::nullopt;
    if (closing_fence_at(s, l, fence, &end)) {
      return Fence{end, trim(info), l == body ? std::string() : std::string(s.substr(body, l - 1 - body))};
    }
    if (l >= s.size()) return Fence{s.size(), trim(info), l == body ? std::string() : std::string(s.substr(body, l - 1 - body))};
    std::size_t nl = s.find('\n', l);
    if (nl == std::string_view::npos) return std::nullopt;  // content must end with "\n" before the end
    if (!c.spend(nl - l)) return std::nullopt;
    l = nl + 1;
  }
}

// heading (gfm): ^ *(#{1,6}) +([^\n]+?) *#* *(?:\n+|$); `space` false: the non-gfm form (used in paragraph lookahead).
bool match_heading(std::string_view s, std::size_t p, bool space, std::size_t* end, int* level, std::string* text) {
  std::size_t q = skip_spaces(s, p);
  std::size_t h = q;
  while (h < s.size() && s[h] == '#' && h - q < 7) ++h;
  std::size_t n = h - q;
  if (n == 0 || n > 6) {
    if (n == 7 && !space) n = 6, h = q + 6;  // #{1,6} then " *" then text: "#######x" is a non-gfm heading
    else return false;
  }
  std::size_t le = line_end(s, h);
  std::size_t t = h;
  if (space) {
    if (t >= le || s[t] != ' ') return false;
    t = skip_spaces(s, t);
    if (t >= le) { if (le - h < 2) return false; t = le - 1; }
  } else {
    t = skip_spaces(s, t);
    if (t >= le) { if (t == h) return false; t = le - 1; }
  }
  std::size_t e = le;
  std::size_t k = e;
  while (k > t + 1 && s[k - 1] == ' ') --k;
  std::size_t k2 = k;
  while (k2 > t + 1 && s[k2 - 1] == '#') --k2;
  while (k2 > t + 1 && s[k2 - 1] == ' ') --k2;
  if (end) {
    std::size_t ne = newlines_or_end(s, le);
    *end = ne;
  }
  if (level) *level = static_cast<int>(n);
  if (text) *text = std::string(s.substr(t, k2 - t));
  return true;
}

// lheading: ^([^\n]+)\n *(=|-){2,} *(?:\n+|$)
bool match_lheading(std::string_view s, std::size_t p, std::size_t* end, int* level, std::string* text) {
  std::size_t le = line_end(s, p);
  if (le == p || le >= s.size()) return false;
  std::size_t q = skip_spaces(s, le + 1);
  std::size_t r = q;
  while (r < s.size() && (s[r] == '=' || s[r] == '-')) ++r;
  if (r - q < 2) return false;
  std::size_t e = newlines_or_end(s, skip_spaces(s, r));
  if (e == std::string_view::npos) return false;
  if (end) *end = e;
  if (level) *level = s[r - 1] == '=' ? 1 : 2;
  if (text) *text = std::string(s.substr(p, le - p));
  return true;
}

// hr: ^( *[-*_]){3,} *(?:(?:\n +)*\n|$)
bool match_hr(std::string_view s, std::size_t p, std::size_t* end) {
  std::size_t q = p;
  int n = 0;
  for (;;) {
    std::size_t r = skip_spaces(s, q);
    if (r < s.size() && (s[r] == '-' || s[r] == '*' || s[r] == '_')) { ++n; q = r + 1; continue; }
    break;
  }
  if (n < 3) return false;
  q = skip_spaces(s, q);
  if (q >= s.size()) { if (end) *end = s.size(); return true; }
  if (s[q] != '\n') return false;
  std::size_t best = q + 1, at = q;
  while (at < s.size() && s[at] == '\n' && at + 1 < s.size() && s[at + 1] == ' ') {
    std::size_t r = skip_spaces(s, at + 1);
    if (r < s.size() && s[r] == '\n') { best = r + 1; at = r; } else break;
  }
  if (end) *end = best;
  return true;
}

// def: ^ *\[((?!\s*\])(?:\\.|[^\[\]\\])+)\]: *<?((?:\w*?:(?:\/\/)?|\/|#)[^\s>]+)>?(?: +["(]([^\n]+)[")])? *(?:\n+|$)
struct Def {
  std::size_t end;
  std::string label, href, title;
};
std::optional<Def> match_def(std::string_view s, std::size_t p) {
  std::size_t q = skip_spaces(s, p);
  if (q >= s.size() || s[q] != '[') return std::nullopt;
  std::size_t l = q + 1, r = l;
  bool nonblank = false;
  while (r < s.size() && s[r] != ']') {
    if (s[r] == '[') return std::nullopt;
    if (s[r] == '\\') { if (r + 1 >= s.size()) return std::nullopt; nonblank = true; r += 2; continue; }
    if (!is_ws(s[r])) nonblank = true;
    ++r;
  }
  if (r >= s.size() || r == l || !nonblank || r + 1 >= s.size() || s[r + 1] != ':') return std::nullopt;
  std::size_t d = skip_spaces(s, r + 2);
  bool angle = d < s.size() && s[d] == '<';
  if (angle) ++d;
  std::size_t h = d;
  if (h < s.size() && (s[h] == '/' || s[h] == '#')) {
    ++h;
  } else {
    while (h < s.size() && is_word(s[h])) ++h;
    if (h >= s.size() || s[h] != ':') return std::nullopt;
    ++h;
  }
  std::size_t he = h;
  while (he < s.size() && !is_ws(s[he]) && s[he] != '>') ++he;
  if (he == h && !(h > d + 1 && s.substr(h - 1, 1) == ":" && false)) {
    // "scheme:" followed by "//" counts toward [^\s>]+ when the optional group is not taken
    if (he == h) return std::nullopt;
  }
  Def def;
  def.label = std::string(s.substr(l, r - l));
  def.href = std::string(s.substr(d, he - d));
  std::size_t t = he;
  if (t < s.size() && s[t] == '>') ++t;
  std::size_t le = line_end(s, t);
  std::size_t sp = skip_spaces(s, t);
  if (sp > t && sp < le && (s[sp] == '"' || s[sp] == '(')) {
    std::size_t k = le;
    while (k > sp + 1 && s[k - 1] == ' ') --k;
    if (k > sp + 2 && (s[k - 1] == '"' || s[k - 1] == ')')) {
      def.title = std::string(s.substr(sp + 1, k - 1 - sp - 1));
      t = le;
    }
  }
  t = skip_spaces(s, t);
  std::size_t e = newlines_or_end(s, t);
  if (e == std::string_view::npos) return std::nullopt;
  def.end = e;
  return def;
}

// The block-level tag name rule (block._tag): a word that is not an inline element name, not "x:/" nor e-mail-like.
bool block_tag_at(std::string_view s, std::size_t p, std::size_t* name_end) {
  std::size_t e = p;
  while (e < s.size() && is_word(s[e])) ++e;
  if (e == p) return false;
  static constexpr std::string_view inline_names[] = {"a", "em", "strong", "small", "s", "cite", "q", "dfn", "abbr", "data",
                                                      "time", "code", "var", "samp", "kbd", "sub", "sup", "i", "b", "u", "mark",
                                                      "ruby", "rt", "rp", "bdi", "bdo", "span", "br", "wbr", "ins", "del", "img"};
  for (std::string_view n : inline_names) {
    // (?!(?:names)\b): a name followed by a word boundary
    if (s.substr(p, n.size()) == n && (p + n.size() >= s.size() || !is_word(s[p + n.size()]))) return false;
  }
  if (s.substr(e, 2) == ":/") return false;
  std::size_t k = e;
  while (k < s.size() && !is_word(s[k]) && !is_ws(s[k]) && s[k] != '@') ++k;
  if (k < s.size() && s[k] == '@') return false;
  if (name_end) *name_end = e;
  return true;
}

// html (block): ^ *(?:comment *(?:\n|\s*$)|closed *(?:\n{2,}|\s*$)|closing *(?:\n{2,}|\s*$))
std::size_t html_trailer(std::string_view s, std::size_t q, bool comment) {
  q = skip_spaces(s, q);
  if (comment && q < s.size() && s[q] == '\n') return q + 1;
  if (!comment && s.substr(q, 2) == "\n\n") {
    while (q < s.size() && s[q] == '\n') ++q;
    return q;
  }
  if (only_ws_from(s, q)) return s.size();
  return std::string_view::npos;
}
std::optional<std::size_t> match_block_html(std::string_view s, std::size_t p, Ctx& c) {
  std::size_t q = skip_spaces(s, p);
  if (q >= s.size() || s[q] != '<') return std::nullopt;
  if (s.substr(q, 4) == "<!--") {
    std::size_t e = c.find(s, "-->", q + 4);
    if (e == std::string_view::npos) return std::nullopt;
    std::size_t t = html_trailer(s, e + 3, true);
    if (t != std::string_view::npos) return t;
    return std::nullopt;
  }
  std::size_t ne;
  if (!block_tag_at(s, q + 1, &ne)) return std::nullopt;
  std::string closer = "</" + std::string(s.substr(q + 1, ne - q - 1)) + ">";
  // closed: the first "</name>" (after at least one character) followed by the trailer
  for (std::size_t from = ne + 1;;) {
    std::size_t e = c.find(s, closer, from);
    if (e == std::string_view::npos) break;
    std::size_t t = html_trailer(s, e + closer.size(), false);
    if (t != std::string_view::npos) return t;
    from = e + 1;
  }
  // closing: <name(?:"[^"]*"|'[^']*'|[^'">])*?>  (no '>' left at all: no match, without walking the quotes)
  if (c.find(s, ">", ne) == std::string_view::npos) return std::nullopt;
  std::size_t k = ne;
  while (k < s.size() && s[k] != '>') {
    if (s[k] == '"' || s[k] == '\'') {
      std::size_t e = c.find(s, s.substr(k, 1), k + 1);
      if (e == std::string_view::npos) return std::nullopt;
      k = e + 1;
    } else {
      ++k;
    }
    if (!c.spend(1)) return std::nullopt;
  }
  if (k >= s.size()) return std::nullopt;
  std::size_t t = html_trailer(s, k + 1, false);
  if (t != std::string_view::npos) return t;
  return std::nullopt;
}

// A list item marker at p: ( *)([*+-]|\d+\.) followed by a space; returns the marker's end (before the space).
bool bullet_at(std::string_view s, std::size_t p, std::size_t* indent_end, std::size_t* bull_end) {
  std::size_t q = skip_spaces(s, p);
  std::size_t b = q;
  if (b < s.size() && (s[b] == '*' || s[b] == '+' || s[b] == '-')) {
    ++b;
  } else {
    while (b < s.size() && is_digit(s[b])) ++b;
    if (b == q || b >= s.size() || s[b] != '.') return false;
    ++b;
  }
  if (b >= s.size() || s[b] != ' ') return false;
  if (indent_end) *indent_end = q;
  if (bull_end) *bull_end = b;
  return true;
}

// blockquote start: ^ *>[^\n]+
bool bq_line(std::string_view s, std::size_t p) {
  std::size_t q = skip_spaces(s, p);
  return q < s.size() && s[q] == '>' && q + 1 < s.size() && s[q + 1] != '\n';
}

// The paragraph rule's lookahead at a line start: hr|heading(non-gfm)|lheading|blockquote|tag|def|fences|list.
bool paragraph_stops(std::string_view s, std::size_t p, Ctx& c) {
  if (match_hr(s, p, nullptr)) return true;
  if (match_heading(s, p, false, nullptr, nullptr, nullptr)) return true;
  if (match_lheading(s, p, nullptr, nullptr, nullptr)) return true;
  if (bq_line(s, p)) return true;
  if (s[p] == '<' && block_tag_at(s, p + 1, nullptr)) return true;
  if (match_def(s, p)) return true;
  if (match_fences(s, p, c)) return true;
  std::size_t ie, be;
  if (bullet_at(s, p, &ie, &be) && be + 1 < s.size()) return true;
  return false;
}

// ---------------------------------------------------------------- tokens

enum class T { space, hr, heading, code, table, bq_start, bq_end, list_start, list_end, item_start, loose_item_start, item_end, paragraph, text };
struct Tok {
  T type;
  std::string text;
  int level = 0;
  std::string lang;
  bool ordered = false;
  long start = 1;
  std::vector<std::string> header, align;
  std::vector<std::vector<std::string>> cells;
};

std::vector<std::string> split_on_pipes(std::string_view str) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < str.size(); ++i) {
    if (str[i] == '|' && (i == 0 || str[i - 1] != '\\')) {
      parts.push_back(trim(str.substr(start, i - start)));
      start = i + 1;
    }
    if (i == str.size() - 1) parts.push_back(trim(str.substr(start)));
  }
  return parts;
}
std::string align_of(std::string_view a) {
  std::string t = trim(a);
  if (t.empty()) return {};
  bool l = t.front() == ':', r = t.back() == ':';
  std::string_view mid = std::string_view(t).substr(l ? 1 : 0);
  if (r && !mid.empty()) mid.remove_suffix(1);
  if (mid.empty() || mid.find_first_not_of('-') != std::string_view::npos) return {};
  return l && r ? "center" : r ? "right" : l ? "left" : "";
}
std::vector<std::string> split_align(std::string_view a) {
  // cap.replace(/^ *|\| *$/g, '').split(/ *\| */)
  std::size_t b = skip_spaces(a, 0);
  std::size_t e = a.size();
  while (e > b && a[e - 1] == ' ') --e;
  if (e > b && a[e - 1] == '|') --e;
  else e = a.size();
  std::vector<std::string> out;
  std::string_view x = a.substr(b, e - b);
  std::size_t s = 0;
  for (std::size_t i = 0; i <= x.size(); ++i) {
    if (i == x.size() || x[i] == '|') {
      out.push_back(align_of(x.substr(s, i - s)));
      s = i + 1;
    }
  }
  return out;
}
// A table line's text with the outer pipes removed: replace(/^ *\| *| *\| *$/g, '').
std::string_view strip_outer_pipes(std::string_view l) {
  std::size_t b = skip_spaces(l, 0);
  if (b < l.size() && l[b] == '|') b = skip_spaces(l, b + 1);
  else b = 0;
  std::size_t e = l.size();
  std::size_t k = e;
  while (k > b && l[k - 1] == ' ') --k;
  if (k > b && l[k - 1] == '|') {
    --k;
    while (k > b && l[k - 1] == ' ') --k;
    e = k;
  }
  return l.substr(b, e - b);
}

class BlockLexer {
 public:
  explicit BlockLexer(Ctx& c) : c_(c) {}

  void token(std::string_view s, bool top, bool bq, int depth, std::vector<Tok>& out) {
    c_.forget();
    if (depth > kMaxDepth) {
      Tok t{T::text};
      t.text = std::string(s);
      out.push_back(std::move(t));
      return;
    }
    std::size_t p = 0;
    std::string owned;  // the rest of s with the newline marked inserts after a list cut short (see list())
    while (p < s.size()) {
      c_.spend(1);
      std::size_t nl0 = p;
      while (p < s.size() && s[p] == '\n') ++p;
      if (p - nl0 > 1) out.push_back(Tok{T::space});
      if (p >= s.size()) break;
      if (std::size_t end = leaf_block(s, p, top, out); end != std::string_view::npos) { p = end; continue; }
      if (bq_line(s, p)) { p = blockquote(s, p, top, depth, out); continue; }
      std::size_t next;
      bool extra_nl = false;
      if (list(s, p, bq, depth, out, &next, &extra_nl)) {
        if (extra_nl && c_.spend(s.size() - next)) {
          std::string rest = std::string(s.substr(next, list_cap_end_ - next)) + "\n" + std::string(s.substr(list_cap_end_));
          owned = std::move(rest);
          s = owned;
          c_.forget();
          p = 0;
        } else {
          p = next;
        }
        continue;
      }
      if (auto h = match_block_html(s, p, c_)) {
        Tok t{T::paragraph};
        t.text = std::string(s.substr(p, *h - p));
        out.push_back(std::move(t));
        p = *h;
        continue;
      }
      if (!bq && top) {
        if (auto d = match_def(s, p)) {
          std::string key = d->label;
          for (char& ch : key) if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
          c_.links.emplace(std::move(key), Link{d->href, d->title});
          p = d->end;
          continue;
        }
      }
      if (std::size_t end; top && table(s, p, out, &end)) { p = end; continue; }
      if (top) { p = paragraph(s, p, out); continue; }
      std::size_t le = line_end(s, p);
      Tok t{T::text};
      t.text = std::string(s.substr(p, le - p));
      out.push_back(std::move(t));
      p = le;
    }
  }

 private:
  // The leaf blocks tried before a blockquote, in marked's order: indented code, fences, heading, nptable (top only),
  // setext heading, hr. Pushes the token and returns its end, or npos when none starts at p.
  std::size_t leaf_block(std::string_view s, std::size_t p, bool top, std::vector<Tok>& out) {
    if (s.substr(p, 4) == "    ") return indented_code(s, p, out);
    std::size_t end;
    if (auto f = match_fences(s, p, c_)) {
      Tok t{T::code};
      t.text = std::move(f->code);
      t.lang = std::move(f->lang);
      out.push_back(std::move(t));
      return f->end;
    }
    {
      int level;
      std::string text;
      if (match_heading(s, p, true, &end, &level, &text)) {
        Tok t{T::heading};
        t.level = level;
        t.text = std::move(text);
        out.push_back(std::move(t));
        return end;
      }
    }
    if (top && nptable(s, p, out, &end)) return end;
    {
      int level;
      std::string text;
      if (match_lheading(s, p, &end, &level, &text)) {
        Tok t{T::heading};
        t.level = level;
        t.text = std::move(text);
        out.push_back(std::move(t));
        return end;
      }
    }
    if (match_hr(s, p, &end)) {
      out.push_back(Tok{T::hr});
      return end;
    }
    return std::string_view::npos;
  }
  // Indented code at p (starts with four spaces): pushes the code token, returns its end.
  std::size_t indented_code(std::string_view s, std::size_t p, std::vector<Tok>& out) {
    std::size_t q = p;
    std::string code;
    while (s.substr(q, 4) == "    ") {
      std::size_t le = line_end(s, q);
      std::size_t w = le;
      while (w < s.size() && is_ws(s[w])) ++w;
      std::size_t last_nl = std::string_view::npos;
      for (std::size_t k = le; k < w; ++k) if (s[k] == '\n') last_nl = k;
      std::size_t next = last_nl == std::string_view::npos ? le : last_nl + 1;
      c_.spend(next - q);
      // strip "^ {4}" on every line of the consumed text
      append_stripped_lines(code, s.substr(q, next - q), [](std::string_view line) {
        return line.substr(0, 4) == "    " ? line.substr(4) : line;
      });
      q = next;
      if (next == le) break;
    }
    while (!code.empty() && code.back() == '\n') code.pop_back();
    Tok t{T::code};
    t.text = std::move(code);
    out.push_back(std::move(t));
    return q;
  }
  void push_table(std::vector<std::string> header, std::vector<std::string> align, std::vector<std::string_view> rows, bool outer,
                  std::vector<Tok>& out) {
    Tok t{T::table};
    t.header = std::move(header);
    t.align = std::move(align);
    for (std::string_view r : rows) t.cells.push_back(split_on_pipes(outer ? strip_outer_pipes(r) : r));
    out.push_back(std::move(t));
  }
  // Rows: lines matching `pred`, each ending in \n or the end; then \n*.
  template <class Pred>
  std::size_t rows(std::string_view s, std::size_t p, std::vector<std::string_view>& rs, Pred pred) {
    while (p < s.size()) {
      std::size_t le = line_end(s, p);
      if (!pred(s.substr(p, le - p))) break;
      c_.spend(le - p + 1);
      rs.push_back(s.substr(p, le - p));
      p = le < s.size() ? le + 1 : le;
    }
    while (p < s.size() && s[p] == '\n') ++p;
    return p;
  }
  // nptable: ^ *(\S.*\|.*)\n *([-:]+ *\|[-| :]*)\n((?:.*\|.*(?:\n|$))*)\n*
  bool nptable(std::string_view s, std::size_t p, std::vector<Tok>& out, std::size_t* end) {
    std::size_t q = skip_spaces(s, p);
    std::size_t le = line_end(s, p);
    if (q >= le || is_ws(s[q]) || s.substr(q, le - q).find('|') == std::string_view::npos || le >= s.size()) return false;
    std::size_t a = le + 1, ae = line_end(s, a);
    if (ae >= s.size()) return false;
    std::size_t k = skip_spaces(s, a), k0 = k;
    while (k < ae && (s[k] == '-' || s[k] == ':')) ++k;
    if (k == k0) return false;
    k = skip_spaces(s, k);
    if (k >= ae || s[k] != '|') return false;
    for (std::size_t i = k; i < ae; ++i) if (s[i] != '-' && s[i] != '|' && s[i] != ' ' && s[i] != ':') return false;
    std::vector<std::string_view> rs;
    *end = rows(s, ae + 1, rs, [](std::string_view l) { return l.find('|') != std::string_view::npos; });
    push_table(split_on_pipes(s.substr(q, le - q)), split_align(s.substr(a, ae - a)), rs, false, out);
    return true;
  }
  // table: ^ *\|(.+)\n *\|( *[-:]+[-| :]*)\n((?: *\|.*(?:\n|$))*)\n*
  bool table(std::string_view s, std::size_t p, std::vector<Tok>& out, std::size_t* end) {
    std::size_t q = skip_spaces(s, p);
    std::size_t le = line_end(s, p);
    if (q >= le || s[q] != '|' || q + 1 >= le || le >= s.size()) return false;
    std::size_t a = le + 1, ae = line_end(s, a);
    if (ae >= s.size()) return false;
    std::size_t k = skip_spaces(s, a);
    if (k >= ae || s[k] != '|') return false;
    std::size_t d = skip_spaces(s, k + 1), d0 = d;
    while (d < ae && (s[d] == '-' || s[d] == ':')) ++d;
    if (d == d0) return false;
    for (std::size_t i = d; i < ae; ++i) if (s[i] != '-' && s[i] != '|' && s[i] != ' ' && s[i] != ':') return false;
    std::vector<std::string_view> rs;
    *end = rows(s, ae + 1, rs, [](std::string_view l) {
      std::size_t b = 0;
      while (b < l.size() && l[b] == ' ') ++b;
      return b < l.size() && l[b] == '|';
    });
    // header: cap[1].replace(/^ *| *\| *$/g, '')
    std::string_view h = s.substr(q + 1, le - q - 1);
    std::size_t hb = skip_spaces(h, 0), he = h.size();
    std::size_t hk = he;
    while (hk > hb && h[hk - 1] == ' ') --hk;
    if (hk > hb && h[hk - 1] == '|') { --hk; while (hk > hb && h[hk - 1] == ' ') --hk; he = hk; }
    push_table(split_on_pipes(h.substr(hb, he - hb)), split_align(s.substr(k + 1, ae - k - 1)), rs, true, out);
    return true;
  }
  // blockquote: ^( *>[^\n]+(\n(?!def)[^\n]+)*\n*)+ ; content is the lines with "^ *> ?" removed, lexed again.
  std::size_t blockquote(std::string_view s, std::size_t p, bool top, int depth, std::vector<Tok>& out) {
    std::size_t q = p;
    while (q < s.size() && bq_line(s, q)) {
      std::size_t le = line_end(s, q);
      while (le < s.size() && le + 1 < s.size() && s[le + 1] != '\n' && !match_def(s, le + 1)) {
        c_.spend(le - q + 1);
        q = le + 1;
        le = line_end(s, q);
      }
      c_.spend(le - q + 1);
      q = le;
      while (q < s.size() && s[q] == '\n') ++q;
    }
    std::string inner;
    inner.reserve(q - p);
    append_stripped_lines(inner, s.substr(p, q - p), [](std::string_view line) {
      const std::size_t k = skip_spaces(line, 0);
      if (k < line.size() && line[k] == '>') {
        line.remove_prefix(k + 1);
        if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
      }
      return line;
    });
    out.push_back(Tok{T::bq_start});
    token(inner, top, true, depth + 1, out);
    out.push_back(Tok{T::bq_end});
    return q;
  }
  // The list rule's end: ^( *)(bull) [\s\S]+?(?:\n+(?=\1?(?:[-*_] *){3,}(?:\n+|$))|\n+(?=def)|\n{2,}(?! )(?!\1bull )\n*|\s*$)
  std::size_t list_end(std::string_view s, std::size_t content, std::string_view indent) {
    std::size_t last_non_ws = s.size();
    for (std::size_t k = s.size(); k > content; --k) if (!is_ws(s[k - 1])) { last_non_ws = k; break; }
    if (last_non_ws == s.size() && (s.empty() || is_ws(s.back()))) last_non_ws = content;  // all whitespace
    for (std::size_t j = content + 1; j <= s.size(); ++j) {
      c_.spend(1);
      if (j >= last_non_ws) return s.size();
      if (s[j] != '\n') continue;
      std::size_t r = j;
      while (r < s.size() && s[r] == '\n') ++r;
      // hr
      std::size_t h = r;
      if (s.substr(h, indent.size()) == indent) {
        std::size_t e;
        std::size_t h2 = h + indent.size();
        if (hr_like(s, h2) || hr_like(s, h)) return r;
        (void)e;
      } else if (hr_like(s, h)) {
        return r;
      }
      if (match_def(s, r)) return r;
      if (r - j >= 2) {
        // \n{2,} with backtracking: any count n >= 2 where the char after is not ' ' and not "indent bull "
        for (std::size_t n = r - j; n >= 2; --n) {
          std::size_t at = j + n;
          if (at < s.size() && s[at] == ' ') continue;
          std::size_t ie, be;
          if (at < s.size() && s.substr(at, indent.size()) == indent && bullet_at(s, at + indent.size(), &ie, &be) &&
              ie == at + indent.size())
            continue;
          return r;
        }
      }
      j = r - 1;
    }
    return s.size();
  }
  // (?:[-*_] *){3,}(?:\n+|$)
  static bool hr_like(std::string_view s, std::size_t p) {
    int n = 0;
    std::size_t q = p;
    while (q < s.size() && (s[q] == '-' || s[q] == '*' || s[q] == '_')) {
      ++n;
      q = skip_spaces(s, q + 1);
    }
    return n >= 3 && (q >= s.size() || s[q] == '\n');
  }
  std::size_t list_cap_end_ = 0;
  bool list(std::string_view s, std::size_t p, bool bq, int depth, std::vector<Tok>& out, std::size_t* next, bool* extra_nl) {
    std::size_t ie, be;
    if (!bullet_at(s, p, &ie, &be) || be + 1 >= s.size()) return false;
    std::string_view indent = s.substr(p, ie - p);
    std::size_t end = list_end(s, be + 1, indent);
    std::string_view cap = s.substr(p, end - p);
    bool ordered = be - ie > 1;
    Tok ls{T::list_start};
    ls.ordered = ordered;
    if (ordered) {
      long v = 0;
      for (std::size_t k = ie; k < be - 1 && v < 1000000000L; ++k) v = v * 10 + (s[k] - '0');
      ls.start = v;
    }
    out.push_back(std::move(ls));
    // items: ^( *)(bull) [^\n]*(?:\n(?!\1bull )[^\n]*)*  (global, multiline)
    std::vector<std::pair<std::size_t, std::size_t>> items;
    std::size_t at = 0;
    while (at < cap.size()) {
      std::size_t ie2, be2;
      if ((at == 0 || cap[at - 1] == '\n') && bullet_at(cap, at, &ie2, &be2)) {
        std::string_view ind = cap.substr(at, ie2 - at);
        std::size_t e = line_end(cap, at);
        while (e < cap.size()) {
          std::size_t nx = e + 1;
          std::size_t ie3, be3;
          if (cap.substr(nx, ind.size()) == ind && bullet_at(cap, nx + ind.size(), &ie3, &be3) && ie3 == nx + ind.size()) break;
          c_.spend(1);
          e = line_end(cap, nx);
        }
        items.emplace_back(at, e);
        at = e;
      } else {
        std::size_t nl = cap.find('\n', at);
        at = nl == std::string_view::npos ? cap.size() : nl + 1;
      }
    }
    bool next_loose = false;
    std::size_t resume = end;
    for (std::size_t i = 0; i < items.size(); ++i) {
      std::string_view raw = cap.substr(items[i].first, items[i].second - items[i].first);
      std::size_t k = skip_spaces(raw, 0);
      while (k < raw.size() && raw[k] != ' ') ++k;
      k = skip_spaces(raw, k);
      std::size_t space = raw.size();
      std::string_view item = raw.substr(k);
      bool last = i + 1 == items.size();
      // a following line that starts without indentation ends the list and is lexed again
      std::size_t nl = item.find('\n');
      if (nl != std::string_view::npos && nl > 0 && nl + 2 < item.size() + 0 + 1 && nl + 1 < item.size() && !is_ws(item[nl + 1]) &&
          item.size() - (nl + 1) >= 2) {
        resume = p + items[i].first + k + nl + 1;
        item = item.substr(0, nl);
        *extra_nl = last;  // marked re-joins the rest as rest + "\n" + later items + src
        list_cap_end_ = end;
        last = true;
      }
      std::string body(item);
      if (body.find("\n ") != std::string::npos) {
        std::size_t strip = space - item.size();
        std::string o;
        append_stripped_lines(o, body, [&](std::string_view line) {
          std::size_t n = 0;
          while (n < line.size() && n < strip && line[n] == ' ') ++n;
          return line.substr(n);
        });
        body = std::move(o);
      }
      bool loose = next_loose;
      if (!loose) {
        // /\n\n(?!\s*$)/: the first "\n\n" has the longest rest, so it alone decides (one pass, not one per pair)
        const std::size_t x = body.find("\n\n");
        loose = x != std::string::npos && !only_ws_from(body, x + 2);
      }
      if (!last) {
        next_loose = !body.empty() && body.back() == '\n';
        if (!loose) loose = next_loose;
      }
      out.push_back(Tok{loose ? T::loose_item_start : T::item_start});
      token(body, false, bq, depth + 1, out);
      out.push_back(Tok{T::item_end});
      if (last) break;
    }
    out.push_back(Tok{T::list_end});
    *next = resume;
    return true;
  }
  // paragraph (top): lines until one where a block rule would start (see paragraph_stops).
  std::size_t paragraph(std::string_view s, std::size_t p, std::vector<Tok>& out) {
    std::size_t le = line_end(s, p);
    std::size_t text_end = le;
    while (le < s.size()) {
      std::size_t nx = le + 1;
      if (nx >= s.size()) { text_end = le; break; }
      if (s[nx] == '\n') { text_end = le; break; }
      if (paragraph_stops(s, nx, c_)) { text_end = le; break; }
      c_.spend(1);
      le = line_end(s, nx);
      text_end = le;
    }
    Tok t{T::paragraph};
    t.text = std::string(s.substr(p, text_end - p));
    out.push_back(std::move(t));
    std::size_t q = text_end;
    while (q < s.size() && s[q] == '\n') ++q;
    return q;
  }

  Ctx& c_;
};

// ---------------------------------------------------------------- inline

std::string decode_entities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, std::string_view> named[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\xC2\xA0"}, {"copy", "\xC2\xA9"},
      {"reg", "\xC2\xAE"}, {"trade", "\xE2\x84\xA2"}, {"hellip", "\xE2\x80\xA6"}, {"mdash", "\xE2\x80\x94"},
      {"ndash", "\xE2\x80\x93"}, {"deg", "\xC2\xB0"}, {"euro", "\xE2\x82\xAC"}, {"times", "\xC3\x97"}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') { out.push_back(s[i]); continue; }
    std::size_t j = i + 1;
    bool num = j < s.size() && s[j] == '#';
    if (num) ++j;
    std::size_t k = j;
    while (k < s.size() && k - j < 10 && is_word(s[k])) ++k;
    if (k == j || k >= s.size() || s[k] != ';') { out.push_back('&'); continue; }
    std::string_view name = s.substr(j, k - j);
    bool done = false;
    if (num) {
      unsigned long cp = 0;
      bool hex = name[0] == 'x' || name[0] == 'X';
      bool ok = name.size() > (hex ? 1u : 0u);
      for (std::size_t x = hex ? 1 : 0; x < name.size() && ok; ++x) {
        char ch = name[x];
        int v = is_digit(ch) ? ch - '0' : (hex && ch >= 'a' && ch <= 'f') ? ch - 'a' + 10 : (hex && ch >= 'A' && ch <= 'F') ? ch - 'A' + 10 : -1;
        if (v < 0) ok = false;
        else cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(v);
        if (cp > 0x10FFFF) ok = false;
      }
      // controls and surrogates stay as written
      if (ok && cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        append_utf8(out, static_cast<char32_t>(cp));
        done = true;
      }
    } else {
      for (auto [n, r] : named) if (name == n) { out += r; done = true; break; }
    }
    if (done) i = k;
    else out.push_back('&');
  }
  return out;
}

// url (gfm), the prefix: [A-Za-z][A-Za-z\d.+-]*:(?:\/{1,3}|[\p{L}\d%]) | www\d{0,3}[.] | [\p{L}\d.-]+[.]\p{L}{2,4}\/
// The character runs are measured through c.run_end, so stops inside one long run do not rescan it.
std::size_t url_prefix(std::string_view s, std::size_t p, Ctx& c) {
  auto letter = [](char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; };
  if (p < s.size() && is_alpha(s[p])) {
    std::size_t q = c.run_end(s, p + 1, 0, [](char c) { return is_alpha(c) || is_digit(c) || c == '.' || c == '+' || c == '-'; });
    if (q < s.size() && s[q] == ':' && q + 1 < s.size()) {
      char n = s[q + 1];
      if (n == '/') {
        std::size_t r = q + 1;
        while (r < s.size() && r - q <= 3 && s[r] == '/') ++r;
        return r;
      }
      if (letter(n) || is_digit(n) || n == '%') return q + 2;
    }
  }
  if ((s.substr(p, 3) == "www")) {
    std::size_t q = p + 3;
    while (q < s.size() && q - p < 6 && is_digit(s[q])) ++q;
    if (q < s.size() && s[q] == '.') return q + 1;
  }
  // domain form: the last "." followed by 2-4 letters and "/"
  std::size_t q = c.run_end(s, p, 1, [&](char c) { return letter(c) || is_digit(c) || c == '.' || c == '-'; });
  if (q < s.size() && s[q] == '/' && q > p) {
    std::size_t d = s.substr(p, q - p).rfind('.');
    if (d != std::string_view::npos) d += p;
    if (d != std::string_view::npos && d > p && d >= p) {
      std::size_t n = 0;
      bool ok = true;
      for (std::size_t k = d + 1; k < q; ++k) {
        if (!letter(s[k])) { ok = false; break; }
        if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) ++n;
      }
      if (ok && n >= 2 && n <= 4) return q + 1;
    }
  }
  return 0;
}
bool url_stop_char(std::string_view s, std::size_t i, std::size_t* len) {
  // full-width and CJK punctuation, guillemets and curly quotes end a URL
  unsigned char c = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (c < 0x80) return false;
  std::size_t j = i;
  char32_t cp = detail::next_code_point(s, j);
  *len = j - i;
  return (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF5E) || cp == 0x3001 || cp == 0x3002 || (cp >= 0x300C && cp <= 0x3011) || cp == 0xAB ||
         cp == 0xBB || cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2028 || cp == 0x2029 ||
         cp == 0xA0 || cp == 0x3000;
}
// The URL body: (?:\[[\da-f:]+\]|[^\s`!()\[\]\{;:'",<>?…]|[`!\[\]\{;:'",<>?…](?=[^\s()<>])|\((?:[^\s()<>]|\([^\s()<>]+\))*\))+
std::size_t url_body(std::string_view s, std::size_t p) {
  static constexpr std::string_view special = "`![]{;:'\",<>?";
  auto plain_ok = [](char c) { return !is_ws(c) && special.find(c) == std::string_view::npos && c != '(' && c != ')'; };
  std::size_t q = p;
  while (q < s.size()) {
    char c = s[q];
    if (c == '[') {
      std::size_t r = q + 1;
      while (r < s.size() && (is_digit(s[r]) || (s[r] >= 'a' && s[r] <= 'f') || s[r] == ':')) ++r;
      if (r > q + 1 && r < s.size() && s[r] == ']') { q = r + 1; continue; }
    }
    std::size_t len;
    if (url_stop_char(s, q, &len)) {
      // the quote-like ones may appear inside when followed by a non-space non-()<>
      break;
    }
    if (static_cast<unsigned char>(c) >= 0x80) { q += len; continue; }
    if (plain_ok(c)) { ++q; continue; }
    if (special.find(c) != std::string_view::npos) {
      if (q + 1 < s.size() && !is_ws(s[q + 1]) && s[q + 1] != '(' && s[q + 1] != ')' && s[q + 1] != '<' && s[q + 1] != '>') { ++q; continue; }
      break;
    }
    if (c == '(') {
      std::size_t r = q + 1;
      bool ok = false;
      while (r < s.size()) {
        char d = s[r];
        if (d == ')') { ok = true; break; }
        if (is_ws(d) || d == '<' || d == '>') break;
        if (d == '(') {
          std::size_t t = r + 1;
          while (t < s.size() && !is_ws(s[t]) && s[t] != '(' && s[t] != ')' && s[t] != '<' && s[t] != '>') ++t;
          if (t > r + 1 && t < s.size() && s[t] == ')') { r = t + 1; continue; }
          break;
        }
        ++r;
      }
      if (ok) { q = r + 1; continue; }
      break;
    }
    break;
  }
  return q;
}

// Inline tag rule (sanitized: shown as text): comment | </name> | <name attrs /?> | <?…?> | <!X …> | <![CDATA[…]]>
std::size_t match_inline_tag(std::string_view s, std::size_t p, Ctx& c) {
  if (p + 1 >= s.size() || s[p] != '<') return 0;
  auto find_from = [&](std::string_view what, std::size_t from) -> std::size_t {
    std::size_t e = c.find(s, what, from);
    return e == std::string_view::npos ? 0 : e + what.size();
  };
  if (s.substr(p, 4) == "<!--") {
    if (s.substr(p + 4, 1) == ">" || s.substr(p + 4, 2) == "->") return 0;
    return find_from("-->", p + 4);
  }
  if (s[p + 1] == '/') {
    std::size_t q = p + 2;
    if (q >= s.size() || !is_alpha(s[q])) return 0;
    while (q < s.size() && (is_word(s[q]) || s[q] == ':' || s[q] == '-')) ++q;
    while (q < s.size() && is_ws(s[q])) ++q;
    return q < s.size() && s[q] == '>' ? q + 1 : 0;
  }
  if (s[p + 1] == '?') return find_from("?>", p + 2);
  if (s.substr(p, 9) == "<![CDATA[") return find_from("]]>", p + 9);
  if (s[p + 1] == '!') {
    std::size_t q = p + 2;
    while (q < s.size() && is_alpha(s[q])) ++q;
    if (q == p + 2 || q >= s.size() || !is_ws(s[q])) return 0;
    return find_from(">", q);
  }
  if (!is_alpha(s[p + 1])) return 0;
  std::size_t q = p + 2;
  while (q < s.size() && (is_word(s[q]) || s[q] == '-')) ++q;
  for (;;) {
    // attribute: \s+[a-zA-Z:_][\w.:-]*(?:\s*=\s*"[^"]*"|\s*=\s*'[^']*'|\s*=\s*[^\s"'=<>`]+)?
    std::size_t a = q;
    while (a < s.size() && is_ws(s[a])) ++a;
    if (a == q || a >= s.size() || !(is_alpha(s[a]) || s[a] == ':' || s[a] == '_')) break;
    std::size_t n = a + 1;
    while (n < s.size() && (is_word(s[n]) || s[n] == '.' || s[n] == ':' || s[n] == '-')) ++n;
    q = n;
    std::size_t e = n;
    while (e < s.size() && is_ws(s[e])) ++e;
    if (e < s.size() && s[e] == '=') {
      std::size_t v = e + 1;
      while (v < s.size() && is_ws(s[v])) ++v;
      if (v < s.size() && (s[v] == '"' || s[v] == '\'')) {
        std::size_t close = c.find(s, s.substr(v, 1), v + 1);
        if (close == std::string_view::npos) break;
        q = close + 1;
      } else {
        std::size_t w = v;
        while (w < s.size() && !is_ws(s[w]) && std::string_view("\"'=<>`").find(s[w]) == std::string_view::npos) ++w;
        if (w > v) q = w;
      }
    }
    if (!c.spend(q - a + 1)) return 0;
  }
  while (q < s.size() && is_ws(s[q])) ++q;
  if (q < s.size() && s[q] == '/') ++q;
  return q < s.size() && s[q] == '>' ? q + 1 : 0;
}

class Inline {
 public:
  Inline(Ctx& c) : c_(c) {}

  std::string output(std::string_view s, int depth = 0) {
    if (depth == 0) {
      c_.forget();
      for (Seen& m : closer_) m = Seen{};
      url_ = Seen{};
      ticks_.clear();
    }
    std::string out;
    std::string pending;  // raw text awaiting format_text
    auto flush = [&] {
      if (pending.empty()) return;
      if (depth > kMaxDepth) append_escaped(out, pending);
      else if (c_.link_only) link_only_text(out, pending);
      else detail::format_text(out, pending, c_.t, in_link_ > 0);
      pending.clear();
    };
    std::size_t p = 0;
    while (p < s.size()) {
      c_.spend(1);
      char ch = s[p];
      // escape
      if (ch == '\\' && p + 1 < s.size()) {
        char n = s[p + 1];
        if (std::string_view("`*{}[]()#+-.!_>|~").find(n) != std::string_view::npos || (n == '\\' && !(p + 2 < s.size() && is_word(s[p + 2])))) {
          pending.push_back(n);
          p += 2;
          continue;
        }
      }
      if (depth <= kMaxDepth) {
        // autolink: <((?:[^ >]+(@|:\/)|www\d{0,3}\.)[^ >]+)>
        if (ch == '<') {
          if (std::size_t e = autolink(s, p, out, pending, flush)) { p = e; continue; }
        }
        // url (gfm)
        if (in_link_ == 0) {
          if (std::size_t e = url(s, p, out, flush)) { p = e; continue; }
        }
        if (ch == '<') {
          if (std::size_t e = match_inline_tag(s, p, c_)) {
            std::string_view tag = s.substr(p, e - p);
            if (in_link_tag_ == false && tag.size() > 3 && (tag[1] == 'a' || tag[1] == 'A') && tag[2] == ' ') in_link_tag_ = true;
            else if (in_link_tag_ && tag.size() == 4 && (tag[2] == 'a' || tag[2] == 'A') && tag[1] == '/') in_link_tag_ = false;
            pending.append(tag);
            p = e;
            continue;
          }
        }
        if (ch == '[' || (ch == '!' && p + 1 < s.size() && s[p + 1] == '[')) {
          if (std::size_t e = link(s, p, out, pending, flush, depth)) { p = e; continue; }
        }
        if ((ch == '*' || ch == '_') && p + 1 < s.size()) {
          if (std::size_t e = strong(s, p, out, flush, depth)) { p = e; continue; }
          if (std::size_t e = em(s, p, out, flush, depth)) { p = e; continue; }
        }
        if (ch == '`') {
          if (std::size_t e = codespan(s, p, out, flush)) { p = e; continue; }
        }
        if (ch == ' ') {
          // br: ^ {2,}\n(?!\s*$)
          std::size_t q = skip_spaces(s, p);
          if (q - p >= 2 && q < s.size() && s[q] == '\n' && !c_.only_ws_from(s, q + 1)) {
            flush();
            if (c_.link_only) separator(out);
            else out += "<br>";
            p = q + 1;
            continue;
          }
        }
        if (ch == '~' && s.substr(p, 2) == "~~") {
          if (std::size_t e = del(s, p, out, flush, depth)) { p = e; continue; }
        }
        if (ch == '$' && c_.t.inline_latex && !c_.link_only) {
          std::size_t q = p + 1;
          while (q < s.size() && s[q] != '$' && s[q] != '\n') ++q;
          if (q > p + 1 && q < s.size() && s[q] == '$' && !(q + 1 < s.size() && is_word(s[q + 1]))) {
            flush();
            std::string tex = trim(s.substr(p + 1, q - p - 1));
            out += "<span class=\"mm-latex-inline\"";
            append_attr(out, "data-latex", tex);
            out += "><code>";
            append_escaped(out, s.substr(p, q + 1 - p));
            out += "</code></span>";
            p = q + 1;
            continue;
          }
        }
      }
      std::size_t e = text_end(s, p);
      pending += decode_entities(s.substr(p, e - p));
      p = e;
    }
    flush();
    return out;
  }

 public:
  static void separator(std::string& out) {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  }

 private:
  // Link-only text: a line break and the spaces around it are one separator; outside links, URLs found by
  // detail::find_url become links.
  void link_only_text(std::string& out, std::string_view s) {
    std::size_t b = 0;
    while (b <= s.size()) {
      std::size_t nl = s.find('\n', b);
      std::string_view line = s.substr(b, nl == std::string_view::npos ? std::string_view::npos : nl - b);
      if (b > 0) while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      if (nl != std::string_view::npos) while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      if (in_link_ > 0) {
        link_only_run(out, line);
      } else {
        std::size_t pos = 0;
        while (auto m = detail::find_url(line, pos, c_.t.url_schemes)) {
          link_only_run(out, line.substr(pos, m->begin - pos));
          open_link_only(out, m->href);
          append_escaped(out, line.substr(m->begin, m->end - m->begin));
          out += "</a>";
          pos = m->end;
        }
        link_only_run(out, line.substr(pos));
      }
      if (nl == std::string_view::npos) break;
      separator(out);
      b = nl + 1;
    }
  }
  void link_only_run(std::string& out, std::string_view s) {
    if (s.empty()) return;
    if (!c_.link_only_emoji) { append_escaped(out, s); return; }
    detail::TextFormatOptions t = c_.t;
    t.at_mentions = t.emails = t.hashtags = false;
    t.channel_names = nullptr;
    t.mention_keys.clear();
    detail::format_text(out, s, t, in_link_ > 0);
  }
  void open_link_only(std::string& out, const std::string& url) {
    std::string href = detail::normalize_href(url);
    if (auto safe = detail::safe_href(href, c_.t.href_schemes)) {
      out += "<a class=\"theme markdown__link\"";
      append_attr(out, "href", *safe);
      out += " target=\"_blank\">";
    } else {
      out += "<a class=\"theme markdown__link mm-link--blocked\"";
      append_attr(out, "title", href);
      out += ">";
    }
  }

  // text: ^(`+|[^`])(?:[\s\S]*?(?:(?=[\\<!\[`*~]|\b[a-z][a-z0-9.+-]{1,31}:|\bwww\d{0,3}\.|\B\$|\b_|$)|[^ ](?= {2,}\n))|(?= {2,}\n))
  std::size_t text_end(std::string_view s, std::size_t p) {
    auto two_spaces_nl = [&](std::size_t q) {
      std::size_t r = skip_spaces(s, q);
      return r - q >= 2 && r < s.size() && s[r] == '\n';
    };
    std::size_t q = p;
    if (s[q] == '`') {
      while (q < s.size() && s[q] == '`') ++q;
    } else {
      ++q;
      while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
    }
    if (two_spaces_nl(q)) return q;
    for (;; ++q) {
      c_.spend(1);
      if (q >= s.size()) return s.size();
      char c = s[q];
      if (std::string_view("\\<![`*~").find(c) != std::string_view::npos) return q;
      bool wb = is_word(s[q - 1]) != is_word(c);
      if (wb && c >= 'a' && c <= 'z') {
        std::size_t r = q + 1;
        while (r < s.size() && r - q <= 32 && ((s[r] >= 'a' && s[r] <= 'z') || is_digit(s[r]) || s[r] == '.' || s[r] == '+' || s[r] == '-')) ++r;
        if (r - q >= 2 && r - q <= 32 && r < s.size() && s[r] == ':') return q;
        if (s.substr(q, 3) == "www") {
          std::size_t w = q + 3;
          while (w < s.size() && w - q < 6 && is_digit(s[w])) ++w;
          if (w < s.size() && s[w] == '.') return q;
        }
      }
      if (c == '$' && !wb) return q;
      if (c == '_' && wb) return q;
      if (c != ' ' && two_spaces_nl(q + 1)) {
        std::size_t e = q + 1;
        while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
        return e;
      }
    }
  }

  template <class Flush>
  std::size_t autolink(std::string_view s, std::size_t p, std::string& out, std::string&, Flush& flush) {
    // ^<([^ >]+(@|:\/)[^ >]+)>: the first ' ' or '>' (remembered: a run of '<' is not rescanned)
    std::size_t q = c_.find(s, " >", p + 1, Ctx::any);
    if (q == std::string_view::npos || s[q] != '>' || q == p + 1) return 0;
    std::string_view inner = s.substr(p + 1, q - p - 1);
    bool www = false;
    if (inner.substr(0, 3) == "www") {
      std::size_t w = 3;
      while (w < inner.size() && w < 6 && is_digit(inner[w])) ++w;
      www = w < inner.size() && inner[w] == '.' && w + 1 < inner.size();
    }
    // [^ >]+(@|:\/)[^ >]+ : the last '@' or ":/" with something before and after
    bool email = false, scheme = false;
    for (std::size_t k = inner.size(); k-- > 1;) {
      if (inner[k] == '@' && k + 1 < inner.size()) { email = true; break; }
      if (inner[k] == ':' && k + 1 < inner.size() && inner[k + 1] == '/' && k + 2 < inner.size()) { scheme = true; break; }
    }
    if (!www && !email && !scheme) return 0;
    flush();
    std::string text(inner), href;
    if (email) {
      if (text.size() > 7 && text[6] == ':') text = text.substr(7);
      href = "mailto:" + text;
    } else {
      href = text;
    }
    std::string label;
    append_escaped(label, c_.link_only ? inner : std::string_view(text));  // link-only: the text as written
    write_link(out, href, "", label, false);
    return q + 1;
  }

  template <class Flush>
  std::size_t url(std::string_view s, std::size_t p, std::string& out, Flush& flush) {
    std::size_t pre = url_prefix(s, p, c_);
    if (!pre) return 0;
    // The body scan is paid from the budget before it runs (stops inside a long URL-like run would each rescan it).
    std::size_t e;
    if (url_.text == s.data() && url_.size == s.size() && pre > url_.from && pre < url_.at) {
      e = url_.at;  // inside the last body, which held no '(' or '[': each of its characters is judged locally
      c_.spend(pre - p + 1);
    } else {
      const std::string_view bounded = s.substr(0, pre + std::min(s.size() - pre, c_.budget));
      e = url_body(bounded, pre);
      if (e == bounded.size() && bounded.size() < s.size()) { c_.spend(c_.budget + 1); return 0; }
      const bool local = s.substr(pre, e - pre).find_first_of("([") == std::string_view::npos;
      url_ = local ? Seen{s.data(), s.size(), pre, e} : Seen{};
      c_.spend(e - p);
    }
    if (e == pre) return 0;
    while (e > p && std::string_view("?!.,:*_~'\"").find(s[e - 1]) != std::string_view::npos) --e;
    std::string_view u = s.substr(p, e - p);
    // urlFilter: no scheme, or one of the autolinked schemes
    std::string scheme = detail::url_scheme(u);
    if (!scheme.empty()) {
      bool ok = false;
      for (const std::string& sc : c_.t.url_schemes) ok |= sc == scheme;
      if (!ok) return 0;
    }
    flush();
    std::string label;
    append_escaped(label, u);
    write_link(out, std::string(u), "", label, true);
    return e;
  }

  // link: !?\[(inside)\]\((href)\) ; reflink: !?\[(inside)\]\s*\[(label)\] ; nolink: !?\[(inside)\]
  template <class Flush>
  std::size_t link(std::string_view s, std::size_t p, std::string& out, std::string& pending, Flush& flush, int depth) {
    bool image = s[p] == '!';
    std::size_t b = p + (image ? 1 : 0);
    std::size_t q = b + 1;
    // inside: (?:\[(?:\\.|[^\[\]\\])*\]|\\.|`[^`]*`|[^\[\]\\`])*
    while (q < s.size()) {
      char c = s[q];
      if (!c_.spend(1)) return 0;
      if (c == ']') break;
      if (c == '\\') { if (q + 1 >= s.size()) break; q += 2; continue; }
      if (c == '`') {
        std::size_t e = c_.find(s, "`", q + 1);
        if (e == std::string_view::npos) break;
        q = e + 1;
        continue;
      }
      if (c == '[') {
        std::size_t r = q + 1;
        bool ok = false;
        while (r < s.size()) {
          if (s[r] == ']') { ok = true; break; }
          if (s[r] == '[') break;
          if (s[r] == '\\') { if (r + 1 >= s.size()) break; r += 2; continue; }
          ++r;
        }
        if (!c_.spend(r - q)) return 0;
        if (!ok) break;
        q = r + 1;
        continue;
      }
      ++q;
    }
    if (q >= s.size() || s[q] != ']') return 0;
    std::string_view inside = s.substr(b + 1, q - b - 1);
    std::size_t after = q + 1;
    if (after < s.size() && s[after] == '(') {
      // href: (?:[^()]|\([^()]*\)|\((?:[^()]*\([^()]*\))+[^()]*\))*\)
      std::size_t r = after + 1;
      bool ok = false;
      while (r < s.size()) {
        if (!c_.spend(1)) return 0;
        char c = s[r];
        if (c == ')') { ok = true; break; }
        if (c == '(') {
          std::size_t e = balanced2(s, r);
          if (!e) break;
          r = e;
          continue;
        }
        ++r;
      }
      if (ok) {
        std::string_view raw = s.substr(after + 1, r - after - 1);
        std::string href, title;
        split_href(raw, href, title);
        flush();
        emit_link(out, image, inside, href, title, depth);
        return r + 1;
      }
    }
    // reflink / nolink
    std::size_t lab_end = 0;
    std::string_view label;
    {
      std::size_t w = after;
      while (w < s.size() && is_ws(s[w])) ++w;
      if (w < s.size() && s[w] == '[') {
        std::size_t r = w + 1;
        while (r < s.size() && s[r] != ']' && s[r] != '[') {
          if (s[r] == '\\') { if (r + 1 >= s.size()) break; r += 2; continue; }
          ++r;
        }
        if (r < s.size() && s[r] == ']') { label = s.substr(w + 1, r - w - 1); lab_end = r + 1; }
      }
    }
    std::string key(lab_end && !label.empty() ? label : inside);
    if (lab_end && label.empty()) key = std::string(inside);
    std::string norm;
    bool sp = false;
    for (char c : key) {
      if (is_ws(c)) { sp = true; continue; }
      if (sp) norm.push_back(' ');
      sp = false;
      norm.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    if (sp) norm.push_back(' ');
    auto it = c_.links.find(norm);
    if (it == c_.links.end() || it->second.href.empty()) {
      pending.push_back(s[p]);
      return p + 1;
    }
    flush();
    emit_link(out, image, inside, it->second.href, it->second.title, depth);
    return lab_end ? lab_end : after;
  }
  // \([^()]*\) or \((?:[^()]*\([^()]*\))+[^()]*\) at s[p] == '('; returns the end or 0.
  std::size_t balanced2(std::string_view s, std::size_t p) {
    std::size_t r = p + 1;
    int depth = 1;
    while (r < s.size()) {
      if (!c_.spend(1)) return 0;
      if (s[r] == '(') { if (depth == 2) return 0; ++depth; }
      else if (s[r] == ')') { if (--depth == 0) return r + 1; }
      ++r;
    }
    return 0;
  }
  // ^\s*<?([\s\S]*?)>?(?:\s+['"]([\s\S]*?)['"])?\s*$
  static void split_href(std::string_view raw, std::string& href, std::string& title) {
    std::size_t b = 0;
    while (b < raw.size() && is_ws(raw[b])) ++b;
    if (b < raw.size() && raw[b] == '<') ++b;
    std::size_t e = raw.size();
    while (e > b && is_ws(raw[e - 1])) --e;
    std::string_view t = raw.substr(b, e - b);
    if (!t.empty() && (t.back() == '"' || t.back() == '\'')) {
      for (std::size_t k = 0; k + 1 < t.size(); ++k) {
        std::size_t j = k;
        if (t[j] == '>') ++j;
        if (j >= t.size() || !is_ws(t[j])) continue;
        if (k > 0 && is_ws(t[k - 1])) continue;
        while (j < t.size() && is_ws(t[j])) ++j;
        if (j < t.size() - 1 && (t[j] == '"' || t[j] == '\'')) {
          href = std::string(t.substr(0, k));
          title = std::string(t.substr(j + 1, t.size() - 1 - j - 1));
          return;
        }
      }
    }
    if (!t.empty() && t.back() == '>') t.remove_suffix(1);
    href = std::string(t);
  }

  void emit_link(std::string& out, bool image, std::string_view inside, const std::string& href_raw, const std::string& title,
                 int depth) {
    if (image && c_.link_only) { append_escaped(out, inside); return; }
    if (image) {
      ++c_.images;
      std::string alt(inside);
      ImageDimensions dim = parse_image_dimensions(href_raw);
      std::optional<std::string> src = c_.o.unsafe_links ? std::nullopt : detail::safe_img_src(decode_entities(dim.href));
      bool svg = dim.href.find(".svg") != std::string::npos;
      if (!src || (svg && !c_.o.enable_svgs)) {
        out += "<span class=\"markdown-inline-img--broken\">";
        append_escaped(out, alt);
        out += "</span>";
        return;
      }
      out += "<img";
      append_attr(out, "src", *src);
      append_attr(out, "alt", alt);
      if (!title.empty()) append_attr(out, "title", title);
      if (!dim.width.empty()) { append_attr(out, "width", dim.width); append_attr(out, "height", dim.height); }
      out += " class=\"markdown-inline-img\">";
      return;
    }
    ++in_link_;
    std::string inner = output(inside, depth + 1);
    --in_link_;
    write_link(out, href_raw, title, inner, false);
  }

  // The web app's link renderer: unsafe schemes show the text only; a nested link keeps only its text.
  void write_link(std::string& out, const std::string& href_raw, const std::string& title, const std::string& inner_html, bool) {
    std::string href = decode_entities(href_raw);
    if (c_.link_only) {
      if (!detail::is_url_safe(href) || in_link_ > 0) { out += inner_html; return; }
      open_link_only(out, href);
      out += inner_html;
      out += "</a>";
      return;
    }
    if (c_.o.unsafe_links) {
      out += inner_html;
      std::string shown;
      append_escaped(shown, href);
      if (shown != inner_html) { out += " : "; out += shown; }
      return;
    }
    if (!detail::is_url_safe(href) || in_link_ > 0) { out += inner_html; return; }
    std::string norm = detail::normalize_href(href);
    if (auto safe = detail::safe_href(norm, c_.t.href_schemes)) {
      out += "<a class=\"theme markdown__link\"";
      append_attr(out, "href", *safe);
      out += " rel=\"noreferrer\" target=\"_blank\"";
      if (!title.empty()) append_attr(out, "title", title);
      out += ">";
    } else {
      out += "<a class=\"theme markdown__link mm-link--blocked\"";
      append_attr(out, "title", norm);
      out += ">";
    }
    out += inner_html;
    out += "</a>";
  }

  // strong: ^__([\s\S]+?)__(?!_)|^\*\*([\s\S]+?)\*\*(?!\*)
  template <class Flush>
  std::size_t strong(std::string_view s, std::size_t p, std::string& out, Flush& flush, int depth) {
    const char d = s[p];
    if (s[p + 1] != d) return 0;
    return pair_span(s, p, out, flush, depth, "strong", d == '*' ? 0 : 1,
                     [&](std::size_t k) { return s[k] == d && s[k + 1] == d && !(k + 2 < s.size() && s[k + 2] == d); });
  }
  // del: ^~~(?=\S)([\s\S]*?\S)~~
  template <class Flush>
  std::size_t del(std::string_view s, std::size_t p, std::string& out, Flush& flush, int depth) {
    if (p + 2 >= s.size() || is_ws(s[p + 2])) return 0;
    return pair_span(s, p, out, flush, depth, "del", 2,
                     [&](std::size_t k) { return s[k] == '~' && s[k + 1] == '~' && !is_ws(s[k - 1]); });
  }
  // A span opened by two characters at p and closed at the first k >= p+3 where closes(k) holds (the closer is
  // s[k..k+1]); the inside is rendered inline in <tag>. Returns the end, or 0 when there is no closer.
  template <class Flush, class Closes>
  std::size_t pair_span(std::string_view s, std::size_t p, std::string& out, Flush& flush, int depth,
                        std::string_view tag, int kind, Closes closes) {
    if (s.size() < 2) return 0;
    const std::size_t k = next_closer(s, p + 3, s.size() - 1, kind, closes);
    if (k != std::string_view::npos) {
      flush();
      if (c_.link_only) { out += output(s.substr(p + 2, k - p - 2), depth + 1); return k + 2; }
      out += '<';
      out += tag;
      out += '>';
      out += output(s.substr(p + 2, k - p - 2), depth + 1);
      out += "</";
      out += tag;
      out += '>';
      return k + 2;
    }
    return 0;
  }
  // em: the six alternatives of marked's em rule, in order.
  template <class Flush>
  std::size_t em(std::string_view s, std::size_t p, std::string& out, Flush& flush, int depth) {
    char d = s[p];
    std::size_t n = s.size();
    auto emit = [&](std::size_t b, std::size_t e) {
      flush();
      if (!c_.link_only) out += "<em>";
      out += output(s.substr(b, e - b), depth + 1);
      if (!c_.link_only) out += "</em>";
    };
    auto follow_ok = [&](std::size_t k) {  // (?!_|[^\spunct]) after the closing '_'
      if (k >= n) return true;
      return s[k] != '_' && (is_ws(s[k]) || is_punct(s[k]));
    };
    if (p + 2 >= n) return 0;
    char c1 = s[p + 1];
    if (d == '_') {
      if (!is_ws(c1) && c1 != '_' && s[p + 2] == '_' && !(p + 3 < n && s[p + 3] == '_')) { emit(p + 1, p + 2); return p + 3; }
      return em_alternatives(s, p, 3, [&](int alt) { return is_ws(c1) || (alt == 4 && c1 == '_'); },
                             [&](int alt, std::size_t k) {
                               return s[k] == '_' && !is_ws(s[k - 1]) && !(alt == 3 && s[k - 1] == '_') && follow_ok(k + 1);
                             },
                             emit);
    }
    if (!is_ws(c1) && c1 != '*' && c1 != '"' && c1 != '<' && s[p + 2] == '*' && !(p + 3 < n && s[p + 3] == '*')) {
      emit(p + 1, p + 2);
      return p + 3;
    }
    return em_alternatives(s, p, 5, [&](int alt) { return is_ws(c1) || c1 == '"' || c1 == '<' || (alt == 6 && c1 == '*'); },
                           [&](int alt, std::size_t k) {
                             return s[k] == '*' && !is_ws(s[k - 1]) && !(alt == 5 && s[k - 1] == '*') && !(k + 1 < n && s[k + 1] == '*');
                           },
                           emit);
  }
  // The two multi-character alternatives `first` and `first + 1` of em for one delimiter: the first whose opener is
  // not refused by skip(alt) and that finds a closer (closes(alt, k)) emits <em> and returns the end; else 0.
  template <class Skip, class Closes, class Emit>
  std::size_t em_alternatives(std::string_view s, std::size_t p, int first, Skip skip, Closes closes, Emit& emit) {
    for (int alt = first; alt <= first + 1; ++alt) {
      if (skip(alt)) continue;
      const std::size_t k = next_closer(s, p + 3, s.size(), alt, [&](std::size_t k) { return closes(alt, k); });
      if (k == std::string_view::npos) {
        if (c_.budget == 0) return 0;
        continue;
      }
      emit(p + 1, k);
      return k + 1;
    }
    return 0;
  }
  // code: ^(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)
  template <class Flush>
  std::size_t codespan(std::string_view s, std::size_t p, std::string& out, Flush& flush) {
    std::size_t q = p;
    while (q < s.size() && s[q] == '`') ++q;
    std::size_t run = q - p;
    if (q >= s.size()) return 0;
    // The closer: the first maximal run of exactly `run` backticks after q, looked up in the text's run index.
    auto idx = ticks_.find({s.data(), s.size()});
    if (idx == ticks_.end()) {
      if (!c_.spend(s.size())) return 0;
      idx = ticks_.emplace(std::make_pair(s.data(), s.size()), std::map<std::size_t, std::vector<std::size_t>>{}).first;
      for (std::size_t k = 0; k < s.size();) {
        if (s[k] != '`') { ++k; continue; }
        std::size_t e = k;
        while (e < s.size() && s[e] == '`') ++e;
        idx->second[e - k].push_back(k);
        k = e;
      }
    }
    auto runs = idx->second.find(run);
    if (runs == idx->second.end()) return 0;
    auto at = std::lower_bound(runs->second.begin(), runs->second.end(), q + 1);
    if (at == runs->second.end()) return 0;
    const std::size_t k = *at;
    flush();
    if (!c_.link_only) out += "<span class=\"codespan__pre-wrap\"><code>";
    append_escaped(out, trim(s.substr(q, k - q)));
    if (!c_.link_only) out += "</code></span>";
    return k + run;
  }
  // Starts of the maximal backtick runs of each text seen in this output() call, by run length (an unmatched
  // opener of a ladder of runs would otherwise rescan the rest of the text).
  std::map<std::pair<const char*, std::size_t>, std::map<std::size_t, std::vector<std::size_t>>> ticks_;
  // The first k in [from, end) with ok(k), or npos (also when the budget runs out). Closers of one kind do not depend
  // on the opener, so the answer is remembered per kind and text: a run of unclosed openers scans the text once.
  template <class Ok>
  std::size_t next_closer(std::string_view s, std::size_t from, std::size_t end, int kind, Ok ok) {
    constexpr std::size_t npos = std::string_view::npos;
    Seen& m = closer_[kind];
    if (m.text == s.data() && m.size == s.size() && from >= m.from && (m.at == npos || m.at >= from)) return m.at;
    for (std::size_t k = from; k < end; ++k) {
      if (!c_.spend(1)) return npos;
      if (ok(k)) { m = Seen{s.data(), s.size(), from, k}; return k; }
    }
    m = Seen{s.data(), s.size(), from, npos};
    return npos;
  }
  using Seen = Ctx::Seen;
  Seen closer_[7];
  Seen url_;  // the last URL body: from = its start, at = its end

  Ctx& c_;
  int in_link_ = 0;
  bool in_link_tag_ = false;
};

// ---------------------------------------------------------------- parser (tokens -> HTML)

class Parser {
 public:
  Parser(Ctx& c, std::vector<Tok>& toks) : c_(c), toks_(toks), inl_(c) {}

  std::string parse() {
    std::string out;
    while (i_ < toks_.size()) {
      if (c_.link_only) tok_link_only(out);
      else tok(out);
    }
    return out;
  }

 private:
  const Tok& next() { return toks_[i_++]; }
  bool more() const { return i_ < toks_.size(); }

  std::string parse_text() {
    std::string body = toks_[i_ - 1].text;
    while (more() && toks_[i_].type == T::text) { body += "\n"; body += toks_[i_++].text; }
    return inl_.output(body);
  }

  void tok(std::string& out) {
    const Tok& t = next();
    switch (t.type) {
      case T::space: return;
      case T::hr: out += "<hr>\n"; return;
      case T::heading:
        out += "<h";
        out.push_back(static_cast<char>('0' + t.level));
        out += " class=\"markdown__heading\">";
        out += inl_.output(t.text);
        out += "</h";
        out.push_back(static_cast<char>('0' + t.level));
        out += ">";
        return;
      case T::code: detail::append_code_block(out, t.text, t.lang, c_.o); return;
      case T::table: {
        out += "<div class=\"table-responsive\"><table class=\"markdown__table\"><thead><tr>";
        auto cell = [&](const char* tag, const std::string& text, std::size_t col) {
          out += "<";
          out += tag;
          const std::string a = col < t.align.size() ? t.align[col] : std::string();
          if (!a.empty()) { out += " class=\"align-"; out += a; out += "\""; }
          out += ">";
          out += inl_.output(text);
          out += "</";
          out += tag;
          out += ">";
        };
        for (std::size_t k = 0; k < t.header.size(); ++k) cell("th", t.header[k], k);
        out += "</tr></thead><tbody>";
        for (const auto& row : t.cells) {
          out += "<tr>";
          for (std::size_t k = 0; k < row.size(); ++k) cell("td", row[k], k);
          out += "</tr>";
        }
        out += "</tbody></table></div>";
        return;
      }
      case T::bq_start:
        out += "<blockquote>\n";
        while (more() && toks_[i_].type != T::bq_end) tok(out);
        if (more()) ++i_;
        out += "</blockquote>\n";
        return;
      case T::list_start: {
        if (t.ordered) {
          out += "<ol class=\"markdown__list\"";
          if (t.start != 1) append_attr(out, "start", std::to_string(t.start));
          out += ">";
        } else {
          out += "<ul class=\"markdown__list\">";
        }
        bool ordered = t.ordered;
        while (more() && toks_[i_].type != T::list_end) tok(out);
        if (more()) ++i_;
        out += ordered ? "</ol>" : "</ul>";
        return;
      }
      case T::item_start:
      case T::loose_item_start: {
        bool loose = t.type == T::loose_item_start;
        std::string body;
        while (more() && toks_[i_].type != T::item_end) {
          if (!loose && toks_[i_].type == T::text) { ++i_; body += parse_text(); }
          else tok(body);
        }
        if (more()) ++i_;
        list_item(out, body);
        return;
      }
      case T::paragraph:
        out += "<p>";
        out += inl_.output(t.text);
        out += "</p>\n";
        return;
      case T::text:
        out += "<p>";
        out += parse_text();
        out += "</p>\n";
        return;
      default: return;
    }
  }

  // Link-only: each block's inline text between separators; tables and rules write nothing but a separator.
  void tok_link_only(std::string& out) {
    const Tok& t = next();
    auto inline_block = [&](std::string html) {
      Inline::separator(out);
      out += html;
      Inline::separator(out);
    };
    auto ltrim = [](std::string_view v) {
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      return v;
    };
    switch (t.type) {
      case T::heading:
      case T::paragraph: inline_block(inl_.output(ltrim(t.text))); return;
      case T::text: {
        std::string body(ltrim(t.text));
        while (more() && toks_[i_].type == T::text) { body += "\n"; body += toks_[i_++].text; }
        inline_block(inl_.output(body));
        return;
      }
      case T::item_start:
      case T::loose_item_start: {
        // An item's text without a task list's "[ ] " / "[x] " (cmark-gfm's tasklist extension consumed it).
        std::string body;
        while (more() && toks_[i_].type != T::item_end) tok_link_only(body);
        if (more()) ++i_;
        std::string_view b = ltrim(body);
        if (b.size() >= 4 && b[0] == '[' && b[2] == ']' && (b[3] == ' ' || b[3] == '\t') && (b[1] == ' ' || b[1] == 'x' || b[1] == 'X'))
          b.remove_prefix(4);
        inline_block(std::string(b));
        return;
      }
      case T::code: {
        std::string code;
        append_escaped(code, t.text);
        inline_block(code);
        return;
      }
      case T::table: return;
      case T::hr:
      case T::bq_start:
      case T::bq_end:
      case T::list_start:
      case T::list_end:
      case T::item_end: Inline::separator(out); return;
      default: return;
    }
  }

  static void list_item(std::string& out, const std::string& body) {
    // /^\[([ |xX])] / on the rendered text
    if (body.size() >= 4 && body[0] == '[' && body[2] == ']' && body[3] == ' ' &&
        (body[1] == ' ' || body[1] == '|' || body[1] == 'x' || body[1] == 'X')) {
      out += "<li class=\"task-list-item\"><input type=\"checkbox\" disabled";
      if (body[1] != ' ') out += " checked";
      out += "> ";
      out.append(body, 4, std::string::npos);
      out += "</li>";
      return;
    }
    out += "<li><span>";
    out += body;
    out += "</span></li>";
  }

  Ctx& c_;
  std::vector<Tok>& toks_;
  std::size_t i_ = 0;
  Inline inl_;
};

// formatText's pass for messages with an inline image: paragraphs become image containers and line breaks outside
// code become <br>, except a newline right before "<p>".
std::string image_pass(const std::string& html) {
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t i = 0;
  bool in_tag = false;
  int in_pre = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      in_tag = true;
      if (html.compare(i, 4, "<pre") == 0) ++in_pre;
      else if (html.compare(i, 6, "</pre>") == 0 && in_pre > 0) --in_pre;
      if (!in_pre && html.compare(i, 3, "<p>") == 0) { out += "<div class=\"markdown-inline-img__container\">"; i += 3; in_tag = false; continue; }
      if (!in_pre && html.compare(i, 4, "</p>") == 0) { out += "</div>"; i += 4; in_tag = false; continue; }
    } else if (c == '>') {
      in_tag = false;
    } else if ((c == '\n' || c == '\r') && !in_tag && !in_pre) {
      std::size_t j = i;
      while (j < html.size() && (html[j] == '\n' || html[j] == '\r')) ++j;
      if (html.compare(j, 3, "<p>") != 0) { out += "<br>"; i = j; continue; }
      // (?!<p>) only constrains the end of the run: a shorter run is tried first by the regex engine
      if (j - i > 1) { out += "<br>"; i = j - 1; }
      out.push_back('\n');
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string trim_html(std::string s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  return s.substr(b, e - b);
}

}  // namespace

std::string render_link_only(std::string_view text, const MarkdownOptions& opt, bool format_emoji) {
  std::string src = detail::normalize_message_text(text, true);
  Ctx c{opt, detail::markdown_text_options(opt), {}, 64 * src.size() + 4096};
  c.link_only = true;
  c.link_only_emoji = format_emoji;
  std::vector<Tok> toks;
  BlockLexer(c).token(src, true, false, 1, toks);
  std::string out = Parser(c, toks).parse();
  std::size_t b = 0, e = out.size();
  while (b < e && out[b] == ' ') ++b;
  while (e > b && (out[e - 1] == ' ' || out[e - 1] == '\n')) --e;
  return out.substr(b, e - b);
}

std::string render_markdown(std::string_view text, const MarkdownOptions& opt, std::size_t* work) {
  std::string src = detail::normalize_message_text(text, true);
  Ctx c{opt, detail::markdown_text_options(opt), {}, 64 * src.size() + 4096};
  std::vector<Tok> toks;
  BlockLexer(c).token(src, true, false, 1, toks);
  std::string html = trim_html(Parser(c, toks).parse());
  if (c.images > 0 && opt.inline_img_container) html = image_pass(html);
  if (work) *work = c.work;
  bool jumbo = opt.jumbo && detail::is_emoji_only(text);
  if (jumbo) return "<span class=\"all-emoji\">" + html + "</span>";
  return html;
}

}  // namespace mmhook::web
