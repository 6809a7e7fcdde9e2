#include "render/text_format.h"

#include <algorithm>
#include <array>
#include <utility>

#include "render/html.h"
#include "render/emoji.h"
#include "render/unicode_class.h"

namespace mmhook::detail {

namespace {

constexpr char32_t kNone = 0xFFFFFFFF;  // "no character" (start or end of the string)
constexpr char32_t kTokenChar = '$';     // the web app's tokens are $MM_…$: a non-word character
constexpr char32_t kEscapeMarker = 0xE000;  // inserted by the markdown preprocessor for "\:)"

bool is_ascii_word(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
char32_t lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
std::size_t rune_len(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_space_cp(char32_t c) {
  if (c == kNone) return false;
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         (c >= 0x80 && is_unicode_space(c));
}
bool is_unicode_punct(char32_t c) { return c >= 0x80 && c != kNone && is_unicode_punctuation(c); }
bool is_symbol_range(char32_t c) {
  return (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D ||
         (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD;
}
// Approximates \p{L}: ASCII letters and non-ASCII code points that are neither space, punctuation nor symbols.
bool is_letter(char32_t c) {
  if (c == kNone) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return !is_space_cp(c) && !is_unicode_punct(c) && !is_symbol_range(c) && !(c >= 0xFF10 && c <= 0xFF19);
}

// Last code point of s (kNone if empty).
char32_t last_cp(std::string_view s) {
  if (s.empty()) return kNone;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t j = i;
  return next_code_point(s, j);
}
char32_t first_cp(std::string_view s) {
  if (s.empty()) return kNone;
  std::size_t j = 0;
  return next_code_point(s, j);
}
char32_t cp_before(std::string_view s, std::size_t pos, char32_t outer) { return pos == 0 ? outer : last_cp(s.substr(0, pos)); }
char32_t cp_at(std::string_view s, std::size_t pos, char32_t outer) { return pos >= s.size() ? outer : first_cp(s.substr(pos)); }

bool word_at(char32_t c) { return c != kNone && is_ascii_word(c); }
bool boundary(char32_t prev, char32_t next) { return word_at(prev) != word_at(next); }

// A run of text or an already-rendered token.
struct Seg {
  bool token = false;
  std::string_view text;  // raw text (token: its original text)
  std::string html;       // token HTML
  std::string mention;    // for mention tokens: the username (to apply highlighting)
};

// Splits every text segment with `scan(text, prev, next, out)`; scan appends pieces covering the text.
// The storage of the segment list a pass replaced, reused by the next pass (a long text has thousands of segments:
// one allocation per pass was most of its formatting time).
thread_local std::vector<Seg> t_spare;
thread_local bool t_spare_busy = false;

// An empty segment list for a pass: the spare storage when free (`reused` says so), else a new one.
std::vector<Seg> take_spare(bool& reused) {
  std::vector<Seg> out;
  reused = !t_spare_busy;
  if (reused) {
    t_spare_busy = true;
    out.swap(t_spare);
    out.clear();
  }
  return out;
}
// Keeps the storage of the list a pass replaced for the next pass (at most ~0.5 MB between calls).
void give_back(std::vector<Seg>& old, bool reused) {
  if (!reused) return;
  old.clear();
  if (old.capacity() <= 4096) t_spare.swap(old);
  t_spare_busy = false;
}

template <class Scan>
void run_pass(std::vector<Seg>& segs, Scan scan) {
  bool reused = false;
  std::vector<Seg> out = take_spare(reused);
  out.reserve(segs.size() + 4);
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (segs[i].token || segs[i].text.empty()) { out.push_back(std::move(segs[i])); continue; }
    char32_t prev = i == 0 ? kNone : (segs[i - 1].token ? kTokenChar : last_cp(segs[i - 1].text));
    char32_t next = i + 1 >= segs.size() ? kNone : (segs[i + 1].token ? kTokenChar : first_cp(segs[i + 1].text));
    if (i > 0 && !out.empty() && !out.back().token) prev = last_cp(out.back().text);
    scan(segs[i].text, prev, next, out);
  }
  segs.swap(out);
  give_back(out, reused);
}

// True when any text segment contains one of `chars` (cheap pre-check that lets a pass be skipped entirely).
bool any_text_has(const std::vector<Seg>& segs, std::string_view chars) {
  for (const Seg& s : segs)
    if (!s.token && s.text.find_first_of(chars) != std::string_view::npos) return true;
  return false;
}

void push_text(std::vector<Seg>& out, std::string_view t) {
  if (t.empty()) return;
  Seg s;
  s.text = t;
  out.push_back(std::move(s));
}
void push_token(std::vector<Seg>& out, std::string_view original, std::string html, std::string mention = {}) {
  Seg s;
  s.token = true;
  s.text = original;
  s.html = std::move(html);
  s.mention = std::move(mention);
  out.push_back(std::move(s));
}
// A link token for `original`: `html` (its open tag), then `label` escaped and "</a>".
void push_link(std::vector<Seg>& out, std::string_view original, std::string html, std::string_view label) {
  append_escaped(html, label);
  html += "</a>";
  push_token(out, original, std::move(html));
}

std::string escaped(std::string_view s) {
  std::string o;
  append_escaped(o, s);
  return o;
}

// ---- bare URLs ----

bool is_scheme_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-'; }

// Extends a URL from `start` to the first space, '<' or non-ASCII punctuation, then trims trailing punctuation
// and unbalanced ')' like GFM autolinks.
std::size_t url_extent(std::string_view t, std::size_t start) {
  std::size_t i = start;
  while (i < t.size()) {
    std::size_t j = i;
    char32_t c = next_code_point(t, j);
    if (is_space_cp(c) || c == '<' || is_unicode_punct(c)) break;
    i = j;
  }
  std::size_t end = i;
  std::size_t open = 0, close = 0;
  for (std::size_t k = start; k < end; ++k) {
    if (t[k] == '(') ++open;
    else if (t[k] == ')') ++close;
  }
  while (end > start) {
    char c = t[end - 1];
    if (c == ')') {
      if (close <= open) break;
      --close;
      --end;
    } else if (c == '?' || c == '!' || c == '.' || c == ',' || c == ':' || c == '*' || c == '_' || c == '~' || c == '\'' ||
               c == '"') {
      --end;
    } else if (c == ';') {
      std::size_t k = end - 1;
      while (k > start && is_ascii_alnum(static_cast<unsigned char>(t[k - 1]))) --k;
      if (k > start && t[k - 1] == '&' && k < end - 1) end = k - 1;
      else --end;
    } else {
      break;
    }
  }
  return end;
}

bool label_ok(std::string_view d) {
  // domain with at least one dot and an alphabetic last label of length >= 2
  std::size_t dot = d.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view tld = d.substr(dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld) if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  for (char c : d) if (!(is_ascii_alnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  return d.find("..") == std::string_view::npos;
}

}  // namespace

std::optional<UrlMatch> find_url(std::string_view t, std::size_t from, const std::vector<std::string>& schemes) {
  for (std::size_t p = from; p < t.size(); ++p) {
    char c = t[p];
    if (c == ':') {
      std::size_t s = p;
      while (s > from && is_scheme_char(t[s - 1])) --s;
      while (s < p && !((t[s] >= 'a' && t[s] <= 'z') || (t[s] >= 'A' && t[s] <= 'Z'))) ++s;
      if (s == p) continue;
      std::string scheme(t.substr(s, p - s));
      for (char& ch : scheme) ch = static_cast<char>(lower(static_cast<unsigned char>(ch)));
      if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) continue;
      if (p + 1 >= t.size() || is_space_cp(cp_at(t, p + 1, kNone))) continue;
      std::size_t end = url_extent(t, p + 1);
      if (end <= p + 1) continue;
      if ((scheme == "http" || scheme == "https" || scheme == "ftp") && t.substr(p + 1, 2) != "//") continue;
      if ((scheme == "http" || scheme == "https" || scheme == "ftp") && end <= p + 3) continue;
      return UrlMatch{s, end, std::string(t.substr(s, end - s))};
    }
    bool at_word_start = p == from || !(is_scheme_char(t[p - 1]) || t[p - 1] == '@' || t[p - 1] == '/' || t[p - 1] == ':' ||
                                        t[p - 1] == '_' || static_cast<unsigned char>(t[p - 1]) >= 0x80);
    if (!at_word_start || !is_ascii_alnum(static_cast<unsigned char>(c))) continue;
    if ((c == 'w' || c == 'W') && t.substr(p, 4) == "www.") {
      std::size_t end = url_extent(t, p);
      std::string_view cand = t.substr(p, end - p);
      std::size_t host_end = cand.find_first_of("/?#:");
      std::string_view host = cand.substr(0, host_end);
      if (host.size() > 4 && host.find('.', 4) != std::string_view::npos ? label_ok(host) : host.size() > 4 && label_ok(host)) {
        return UrlMatch{p, end, "http://" + std::string(cand)};
      }
      continue;
    }
    // domain.tld/path (needs the slash)
    std::size_t q = p;
    while (q < t.size() && (is_ascii_alnum(static_cast<unsigned char>(t[q])) || t[q] == '-' || t[q] == '.')) ++q;
    if (q < t.size() && t[q] == '/' && label_ok(t.substr(p, q - p))) {
      std::size_t end = url_extent(t, p);
      if (end > q) return UrlMatch{p, end, "http://" + std::string(t.substr(p, end - p))};
    }
    p = q > p ? q - 1 : p;
  }
  return std::nullopt;
}

namespace {

void pass_urls(std::vector<Seg>& segs, const TextFormatOptions& o) {
  if (!any_text_has(segs, ":./")) return;
  run_pass(segs, [&](std::string_view t, char32_t, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0;
    while (auto m = find_url(t, pos, o.url_schemes)) {
      push_text(out, t.substr(pos, m->begin - pos));
      std::string_view label = t.substr(m->begin, m->end - m->begin);
      std::string html;
      if (auto href = safe_href(m->href, o.href_schemes)) {
        html = "<a class=\"theme markdown__link\"";
        append_attr(html, "href", *href);
        html += " rel=\"noreferrer\" target=\"_blank\">";
      } else {
        html = "<a class=\"theme markdown__link mm-link--blocked\"";
        append_attr(html, "title", m->href);
        html += ">";
      }
      push_link(out, label, std::move(html), label);
      pos = m->end;
    }
    push_text(out, t.substr(pos));
  });
}

// ---- inline LaTeX: \$([^\$\n]+)\$(?!\w) ----
void pass_inline_latex(std::vector<Seg>& segs) {
  if (!any_text_has(segs, "$")) return;
  run_pass(segs, [&](std::string_view t, char32_t, char32_t next, std::vector<Seg>& out) {
    std::size_t pos = 0, i = 0;
    while (i < t.size()) {
      if (t[i] != '$') { ++i; continue; }
      std::size_t j = i + 1;
      while (j < t.size() && t[j] != '$' && t[j] != '\n') ++j;
      if (j == i + 1 || j >= t.size() || t[j] != '$') { i = j > i + 1 && j < t.size() && t[j] == '\n' ? j : i + 1; continue; }
      if (word_at(cp_at(t, j + 1, next))) { i = j; continue; }
      push_text(out, t.substr(pos, i - pos));
      std::string html = "<span class=\"mm-latex-inline\"";
      append_attr(html, "data-latex", t.substr(i + 1, j - i - 1));
      html += "><code>";
      append_escaped(html, t.substr(i, j + 1 - i));
      html += "</code></span>";
      push_token(out, t.substr(i, j + 1 - i), std::move(html));
      pos = i = j + 1;
    }
    push_text(out, t.substr(pos));
  });
}

// ---- @mentions: (?:\B|\b_+)@([a-z0-9.\-_]+), trailing non-letter/digit characters trimmed ----
bool is_mention_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'; }

struct MentionHit {
  std::size_t begin, at, name_end, match_end;
};

// Scans t for mentions; prev is the character before t. Calls f(hit) for each.
template <class F>
void scan_mentions(std::string_view t, char32_t prev, F f) {
  std::size_t i = 0;
  char32_t before = prev;  // char before position i
  while (i < t.size()) {
    if (t[i] == '@') {
      std::size_t begin = i;
      bool ok = !word_at(before);  // \B before '@' (both non-word)
      if (!ok) {
        // \b_+ : a run of underscores right before '@' that starts at a word boundary
        std::size_t k = i;
        while (k > 0 && t[k - 1] == '_') --k;
        if (k < i) {
          char32_t pre = cp_before(t, k, prev);
          if (!word_at(pre)) { ok = true; begin = k; }
        }
      }
      if (ok) {
        std::size_t j = i + 1;
        while (j < t.size() && is_mention_char(t[j])) ++j;
        if (j > i + 1) {
          std::size_t name_end = j;
          while (name_end > i + 1 && !is_ascii_alnum(static_cast<unsigned char>(t[name_end - 1]))) --name_end;
          if (name_end == i + 1) name_end = j;  // nothing but punctuation: keep it all
          f(MentionHit{begin, i, name_end, j});
          i = name_end;
          before = kTokenChar;
          continue;
        }
      }
    }
    std::size_t j = i;
    before = next_code_point(t, j);
    i = j;
  }
}

bool is_highlighted_mention(std::string_view name, const TextFormatOptions& o) {
  if (!o.mention_highlight) return false;
  for (const MentionKey& k : o.mention_keys) {
    if (k.key.size() < 2 || k.key[0] != '@') continue;
    std::string_view key = std::string_view(k.key).substr(1);
    if (key.size() != name.size()) continue;
    bool eq = true;
    for (std::size_t i = 0; i < key.size() && eq; ++i) {
      eq = k.case_sensitive ? key[i] == name[i] : lower(static_cast<unsigned char>(key[i])) == lower(static_cast<unsigned char>(name[i]));
    }
    if (eq) return true;
  }
  return false;
}

void pass_mentions(std::vector<Seg>& segs, const TextFormatOptions& o) {
  if (!any_text_has(segs, "@")) return;
  run_pass(segs, [&](std::string_view t, char32_t prev, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0;
    scan_mentions(t, prev, [&](const MentionHit& h) {
      push_text(out, t.substr(pos, h.begin - pos));
      std::string_view name = t.substr(h.at + 1, h.name_end - h.at - 1);
      std::string html;
      bool hl = is_highlighted_mention(name, o);
      if (hl) html = "<span class=\"mention--highlight\">";
      html += "<span class=\"mm-mention\"";
      append_attr(html, "data-mention", name);
      html += ">@";
      append_escaped(html, name);
      html += "</span>";
      if (hl) html += "</span>";
      push_token(out, t.substr(h.begin, h.name_end - h.begin), std::move(html), std::string(name));
      pos = h.name_end;
    });
    push_text(out, t.substr(pos));
  });
}

// ---- ~channel links (only names the client knows) ----
void pass_channels(std::vector<Seg>& segs, const TextFormatOptions& o) {
  if (!o.channel_names || o.channel_names->empty() || !any_text_has(segs, "~")) return;
  run_pass(segs, [&](std::string_view t, char32_t prev, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0, i = 0;
    while (i < t.size()) {
      if (t[i] != '~' || word_at(cp_before(t, i, prev))) { ++i; continue; }
      std::size_t j = i + 1;
      while (j < t.size() && (is_ascii_alnum(static_cast<unsigned char>(t[j])) || t[j] == '-' || t[j] == '_')) ++j;
      std::size_t end = j;
      const std::string* display = nullptr;
      while (end > i + 1) {
        auto it = o.channel_names->find(std::string(t.substr(i + 1, end - i - 1)));
        if (it != o.channel_names->end()) { display = &it->second; break; }
        char c = t[end - 1];
        if (c != '-' && c != '_') break;
        --end;
      }
      if (!display) { i = j > i + 1 ? j : i + 1; continue; }
      push_text(out, t.substr(pos, i - pos));
      std::string name(t.substr(i + 1, end - i - 1));
      std::string html = "<a class=\"mention-link\"";
      bool team_ok = !o.team_name.empty() && std::all_of(o.team_name.begin(), o.team_name.end(), [](char ch) {
        return is_ascii_alnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
      });
      append_attr(html, "href", team_ok ? "/" + o.team_name + "/channels/" + name : std::string("#"));
      append_attr(html, "data-channel-mention", name);
      html += ">~";
      push_link(out, t.substr(i, end - i), std::move(html), *display);
      pos = i = end;
    }
    push_text(out, t.substr(pos));
  });
}

// ---- e-mail autolinks (GFM rules) ----
bool is_local_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-' || c == '_'; }

void pass_emails(std::vector<Seg>& segs) {
  if (!any_text_has(segs, "@")) return;
  run_pass(segs, [&](std::string_view t, char32_t prev, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0;
    std::size_t search = 0;
    while (true) {
      std::size_t at = t.find('@', search);
      if (at == std::string_view::npos) break;
      std::size_t s = at;
      while (s > pos && is_local_char(t[s - 1])) --s;
      std::size_t e = at + 1, dots = 0;
      while (e < t.size()) {
        char c = t[e];
        if (is_ascii_alnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') { ++e; continue; }
        if (c == '.' && e + 1 < t.size() && is_ascii_alnum(static_cast<unsigned char>(t[e + 1]))) { ++dots; ++e; continue; }
        break;
      }
      bool ok = s < at && e > at + 1 && dots > 0 && t[at - 1] != '.';
      if (ok) {
        char last = t[e - 1];
        ok = (last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z');
        // the last label must be alphabetic (email@123.123.123.123 is not linked)
        std::size_t d = t.rfind('.', e - 1);
        for (std::size_t k = d + 1; ok && k < e; ++k) ok = !is_digit(static_cast<unsigned char>(t[k]));
      }
      if (ok) {
        // "#tag@example.com" is a hashtag, not an e-mail
        char32_t pre = cp_before(t, s, prev);
        if (pre == '#' && ((t[s] >= 'a' && t[s] <= 'z') || (t[s] >= 'A' && t[s] <= 'Z'))) ok = false;
      }
      if (!ok) { search = at + 1; continue; }
      push_text(out, t.substr(pos, s - pos));
      std::string_view addr = t.substr(s, e - s);
      std::string html = "<a class=\"theme\"";
      append_attr(html, "href", "mailto:" + std::string(addr));
      html += " rel=\"noreferrer\" target=\"_blank\">";
      push_link(out, addr, std::move(html), addr);
      pos = search = e;
    }
    push_text(out, t.substr(pos));
  });
}

// ---- hashtags: (^|\W)(#\p{L}[\p{L}\d\-_.]*[\p{L}\d]) ----
void pass_hashtags(std::vector<Seg>& segs, const TextFormatOptions& o) {
  if (!any_text_has(segs, "#")) return;
  run_pass(segs, [&](std::string_view t, char32_t prev, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0, i = 0;
    while (i < t.size()) {
      if (t[i] != '#' || word_at(cp_before(t, i, prev))) { ++i; continue; }
      std::size_t j = i + 1;
      char32_t c0 = cp_at(t, j, kNone);
      if (!is_letter(c0)) { ++i; continue; }
      std::size_t last_good = 0, k = j;
      std::size_t count = 0, good_count = 0;
      while (k < t.size()) {
        std::size_t n = k;
        char32_t c = next_code_point(t, n);
        bool body = is_letter(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
        if (!body) break;
        ++count;
        if (is_letter(c) || is_digit(c)) { last_good = n; good_count = count; }
        k = n;
      }
      if (last_good == 0 || good_count < 2) { i = j; continue; }
      std::size_t end = last_good;
      // "#tag@example.com": the e-mail belongs to the hashtag
      if (end < t.size() && t[end] == '@') {
        std::size_t e = end + 1, dots = 0;
        while (e < t.size() && (is_ascii_alnum(static_cast<unsigned char>(t[e])) || t[e] == '-' ||
                                (t[e] == '.' && e + 1 < t.size() && is_ascii_alnum(static_cast<unsigned char>(t[e + 1]))))) {
          if (t[e] == '.') ++dots;
          ++e;
        }
        if (dots > 0 && e > end + 1) end = e;
      }
      std::string_view tag = t.substr(i, end - i);
      if (static_cast<int>(rune_len(tag.substr(1))) < o.minimum_hashtag_length) { i = end; continue; }
      push_text(out, t.substr(pos, i - pos));
      std::string html = "<a class=\"mention-link\" href=\"#\"";
      append_attr(html, "data-hashtag", tag);
      html += ">";
      push_link(out, tag, std::move(html), tag);
      pos = i = end;
    }
    push_text(out, t.substr(pos));
  });
}

}  // namespace

namespace {

// ---- :emoji: and emoticons ----

enum class Bound { B, b };  // \B or \b assertion (with ^/$ alternatives)

struct Emoticon {
  std::string_view name;
  Bound pre, post;
  bool icase;
  std::array<std::string_view, 4> forms;  // literal alternatives ("-?" expanded); empty = unused
  bool entity_form[4];                     // form only valid on escaped HTML input
};

// The web app's emoticon table (utils/emoticons.tsx), in its order; optional '-' expanded into two forms.
const Emoticon kEmoticons[] = {
    {"slightly_smiling_face", Bound::B, Bound::B, false, {":)", ":-)"}, {}},
    {"wink", Bound::B, Bound::B, false, {";)", ";-)"}, {}},
    {"open_mouth", Bound::B, Bound::b, true, {":o"}, {}},
    {"scream", Bound::B, Bound::b, true, {":-o"}, {}},
    {"smirk", Bound::B, Bound::B, false, {":]", ":-]"}, {}},
    {"smile", Bound::B, Bound::b, true, {":d", ":-d"}, {}},
    {"stuck_out_tongue_closed_eyes", Bound::b, Bound::b, true, {"x-d"}, {}},
    {"stuck_out_tongue", Bound::B, Bound::b, true, {":p", ":-p"}, {}},
    {"rage", Bound::B, Bound::B, false, {":[", ":-[", ":@", ":-@"}, {}},
    {"slightly_frowning_face", Bound::B, Bound::B, false, {":(", ":-("}, {}},
    {"cry", Bound::B, Bound::B, false, {}, {}},  // handled specially: :[`'’]-?\(|:&#x27;\(|:&#39;\(
    {"confused", Bound::B, Bound::B, false, {":/", ":-/"}, {}},
    {"confounded", Bound::B, Bound::b, true, {":s", ":-s"}, {}},
    {"neutral_face", Bound::B, Bound::B, false, {":|", ":-|"}, {}},
    {"flushed", Bound::B, Bound::B, false, {":$", ":-$"}, {}},
    {"mask", Bound::B, Bound::b, true, {":-x"}, {}},
    {"heart", Bound::B, Bound::b, false, {"<3", "&lt;3"}, {false, true}},
    {"broken_heart", Bound::B, Bound::b, false, {"</3", "&lt;/3"}, {false, true}},
};

bool match_literal(std::string_view t, std::size_t i, std::string_view lit, bool icase) {
  if (t.size() - i < lit.size()) return false;
  for (std::size_t k = 0; k < lit.size(); ++k) {
    char a = t[i + k], b = lit[k];
    if (icase ? lower(static_cast<unsigned char>(a)) != lower(static_cast<unsigned char>(b)) : a != b) return false;
  }
  return true;
}

// Length of the emoticon body of `e` at t[i], 0 if none (longest form first: JS tries "-?" greedily).
std::size_t emoticon_body(const Emoticon& e, std::string_view t, std::size_t i, bool entities) {
  if (e.name == "cry") {
    if (t[i] != ':') return 0;
    static constexpr std::string_view quotes[] = {"`", "'", "\xE2\x80\x99"};
    for (std::string_view q : quotes) {
      if (match_literal(t, i + 1, q, false)) {
        std::size_t k = i + 1 + q.size();
        if (k < t.size() && t[k] == '-') ++k;
        if (k < t.size() && t[k] == '(') return k + 1 - i;
      }
    }
    if (entities) {
      if (match_literal(t, i, ":&#x27;(", false)) return 8;
      if (match_literal(t, i, ":&#39;(", false)) return 7;
    }
    return 0;
  }
  std::size_t best = 0;
  for (std::size_t f = 0; f < e.forms.size(); ++f) {
    std::string_view lit = e.forms[f];
    if (lit.empty() || (e.entity_form[f] && !entities)) continue;
    if (lit.size() > best && match_literal(t, i, lit, e.icase)) best = lit.size();
  }
  return best;
}

bool assert_bound(Bound b, char32_t prev, char32_t next) {
  // (^|\B) / ($|\B) / (^|\b) / ($|\b): start/end always satisfy the alternative
  if (prev == kNone || next == kNone) return true;
  return b == Bound::B ? !boundary(prev, next) : boundary(prev, next);
}

std::string emoji_html(std::string_view name, std::string_view shown, const TextFormatOptions& o, bool* known) {
  std::string lname(name);
  for (char& c : lname) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
  std::optional<EmojiInfo> info = o.resolve_emoji ? find_emoji(lname) : std::nullopt;
  if (known) *known = info.has_value();
  std::string html;
  if (info) {
    html = "<span class=\"emoticon\"";
    append_attr(html, "data-emoticon", lname);
    append_attr(html, "title", ":" + lname + ":");
    html += ">";
    html.append(info->text);
    html += "</span>";
  } else if (!o.resolve_emoji) {
    html = "<span";
    append_attr(html, "data-emoticon", lname);
    html += ">";
    std::string shown_lower(shown);
    for (char& c : shown_lower) c = static_cast<char>(lower(static_cast<unsigned char>(c)));
    append_escaped(html, shown_lower);
    html += "</span>";
  }
  return html;
}

bool is_name_char(char c) { return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '-'; }

// The next emoticon of kind e (opening with one of `first`) in t at or after i: its start (npos if none) and length.
std::pair<std::size_t, std::size_t> next_emoticon(const Emoticon& e, std::string_view first, bool entities, std::string_view t,
                                                  std::size_t i, char32_t prev, char32_t next) {
  while (i < t.size()) {
    i = t.find_first_of(first, i);
    if (i == std::string_view::npos) break;
    std::size_t len = emoticon_body(e, t, i, entities);
    if (len == 0 || !assert_bound(e.pre, cp_before(t, i, prev), cp_at(t, i, kNone)) ||
        !assert_bound(e.post, cp_before(t, i + len, kNone), cp_at(t, i + len, next))) {
      ++i;
      continue;
    }
    return {i, len};
  }
  return {std::string_view::npos, 0};
}

// Whether a pass of kind e would change the segments (their neighbours as run_pass sees them while unchanged).
bool kind_matches(const std::vector<Seg>& segs, const Emoticon& e, std::string_view first, bool entities) {
  for (std::size_t k = 0; k < segs.size(); ++k) {
    if (segs[k].token || segs[k].text.empty() || segs[k].text.find_first_of(first) == std::string_view::npos) continue;
    const char32_t prev = k == 0 ? kNone : (segs[k - 1].token ? kTokenChar : last_cp(segs[k - 1].text));
    const char32_t next = k + 1 >= segs.size() ? kNone : (segs[k + 1].token ? kTokenChar : first_cp(segs[k + 1].text));
    if (next_emoticon(e, first, entities, segs[k].text, 0, prev, next).first != std::string_view::npos) return true;
  }
  return false;
}

// Named :emoji: first (pattern :([a-zA-Z0-9_+-]+):), then each emoticon kind in table order.
template <class OnToken>
void emoticon_passes(std::vector<Seg>& segs, bool named, bool emoticons, bool entities, OnToken make) {
  if (named && any_text_has(segs, ":")) {
    run_pass(segs, [&](std::string_view t, char32_t, char32_t, std::vector<Seg>& out) {
      std::size_t pos = 0, i = 0;
      while (i < t.size()) {
        if (t[i] != ':') { ++i; continue; }
        std::size_t j = i + 1;
        while (j < t.size() && is_name_char(t[j])) ++j;
        if (j == i + 1 || j >= t.size() || t[j] != ':') { i = j > i + 1 ? j : i + 1; continue; }
        std::string_view name = t.substr(i + 1, j - i - 1);
        std::string html = make(name, t.substr(i, j + 1 - i));
        if (html.empty()) { i = j; continue; }  // unknown shortcode: stays text; its closing ':' may open another
        push_text(out, t.substr(pos, i - pos));
        push_token(out, t.substr(i, j + 1 - i), std::move(html));
        pos = i = j + 1;
      }
      push_text(out, t.substr(pos));
    });
  }
  if (!emoticons) return;
  for (const Emoticon& e : kEmoticons) {
    const std::string_view first = e.name == "stuck_out_tongue_closed_eyes" ? std::string_view("xX")
                                   : e.name == "wink"                         ? std::string_view(";")
                                   : (e.name == "heart" || e.name == "broken_heart") ? std::string_view("<&")
                                                                                      : std::string_view(":");
    if (!kind_matches(segs, e, first, entities)) continue;  // most kinds match nowhere: no rebuild
    run_pass(segs, [&](std::string_view t, char32_t prev, char32_t next, std::vector<Seg>& out) {
      std::size_t pos = 0, i = 0;
      while (i < t.size()) {
        const auto [at, len] = next_emoticon(e, first, entities, t, i, prev, next);
        if (at == std::string_view::npos) break;
        i = at;
        std::size_t esc_len = 0;
        if (i > 0 && t[i - 1] == '\\') esc_len = 1;
        if (i >= 3 && t.substr(i - 3, 3) == "\xEE\x80\x80") esc_len = 3;  // kEscapeMarker
        if (esc_len) {
          // escaped: the backslash disappears and the emoticon stays text
          push_text(out, t.substr(pos, i - esc_len - pos));
          push_token(out, t.substr(i, len), escaped(t.substr(i, len)));
          pos = i = i + len;
          continue;
        }
        push_text(out, t.substr(pos, i - pos));
        push_token(out, t.substr(i, len), make(e.name, t.substr(i, len)));
        pos = i = i + len;
      }
      push_text(out, t.substr(pos));
    });
  }
}

// ---- mention keys (plain words) ----
void pass_highlight_words(std::vector<Seg>& segs, const TextFormatOptions& o) {
  for (const MentionKey& k : o.mention_keys) {
    if (k.key.empty() || k.key[0] == '@') continue;
    if (!any_text_has(segs, k.case_sensitive ? k.key.substr(0, 1) : std::string{static_cast<char>(lower(static_cast<unsigned char>(k.key[0]))), static_cast<char>(k.key[0] >= 'a' && k.key[0] <= 'z' ? k.key[0] - 32 : k.key[0])})) continue;
    bool ascii = std::all_of(k.key.begin(), k.key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    run_pass(segs, [&](std::string_view t, char32_t prev, char32_t next, std::vector<Seg>& out) {
      std::size_t pos = 0, i = 0;
      while (i + k.key.size() <= t.size()) {
        if (!match_literal(t, i, k.key, !k.case_sensitive) ||
            (ascii && (word_at(cp_before(t, i, prev)) || word_at(cp_at(t, i + k.key.size(), next))))) {
          ++i;
          continue;
        }
        push_text(out, t.substr(pos, i - pos));
        std::string html = "<span class=\"mention--highlight\">";
        append_escaped(html, t.substr(i, k.key.size()));
        html += "</span>";
        push_token(out, t.substr(i, k.key.size()), std::move(html));
        pos = i = i + k.key.size();
      }
      push_text(out, t.substr(pos));
    });
  }
}

// ---- Unicode emoji (handleUnicodeEmoji, last pass): each sequence is wrapped like a :shortcode: when the web app's
// emoji map names it, else in the "unsupported" span; the character itself stays (drawn with the system's font).
bool may_start_emoji(std::string_view t, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(t[i]);
  if (c >= 0xC0) return true;
  return (is_digit(c) || c == '#' || c == '*') && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0x80;
}

std::string unicode_emoji_html(const UnicodeEmoji& e, std::string_view shown, const TextFormatOptions& o) {
  std::string html;
  if (e.name.empty()) {
    html = "<span class=\"emoticon emoticon--unicode\">";
  } else {
    html = o.resolve_emoji ? "<span class=\"emoticon\"" : "<span";
    append_attr(html, "data-emoticon", e.name);
    if (o.resolve_emoji) append_attr(html, "title", ":" + e.name + ":");
    html += ">";
  }
  append_escaped(html, shown);
  html += "</span>";
  return html;
}

bool has_non_ascii(const std::vector<Seg>& segs) {
  for (const Seg& s : segs) {
    if (s.token) continue;
    for (unsigned char c : s.text) if (c >= 0x80) return true;
  }
  return false;
}

void pass_unicode_emoji(std::vector<Seg>& segs, const TextFormatOptions& o, bool named = true) {
  if (!has_non_ascii(segs)) return;
  run_pass(segs, [&](std::string_view t, char32_t, char32_t, std::vector<Seg>& out) {
    std::size_t pos = 0, i = 0;
    while (i < t.size()) {
      std::optional<UnicodeEmoji> e = may_start_emoji(t, i) ? match_unicode_emoji(t, i) : std::nullopt;
      if (!e) { ++i; continue; }
      if (!named) e->name.clear();
      push_text(out, t.substr(pos, i - pos));
      push_token(out, t.substr(i, e->length), unicode_emoji_html(*e, t.substr(i, e->length), o));
      pos = i = i + e->length;
    }
    push_text(out, t.substr(pos));
  });
}

void emit_segments(std::string& out, const std::vector<Seg>& segs) {
  for (const Seg& s : segs) {
    if (s.token) { out += s.html; continue; }
    // stray escape markers are the backslashes they replaced
    std::string_view t = s.text;
    std::size_t m;
    while ((m = t.find("\xEE\x80\x80")) != std::string_view::npos) {
      append_escaped(out, t.substr(0, m));
      out.push_back('\\');
      t = t.substr(m + 3);
    }
    append_escaped(out, t);
  }
}

// False only when no pass can match: no trigger character, no "www.", no '/' together with '.' (domain/path links),
// no "x-" (the x-d emoticon) and no non-ASCII byte.
bool might_need_formatting(std::string_view t) {
  bool slash = false, dot = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(t[i]);
    switch (c) {
      case ':': case ';': case '@': case '#': case '~': case '<': case '&': case '$':
        return true;
      case '/':
        if (dot) return true;
        slash = true;
        break;
      case '.':
        if (slash || (i >= 3 && t.substr(i - 3, 3) == "www")) return true;
        dot = true;
        break;
      case '-':
        if (i > 0 && (t[i - 1] == 'x' || t[i - 1] == 'X')) return true;
        break;
      default:
        if (c >= 0x80) return true;
    }
  }
  return false;
}

}  // namespace

TextFormatOptions TextFormatOptions::defaults() {
  TextFormatOptions o;
  o.url_schemes = {"http", "https", "ftp", "mailto", "tel", "mattermost"};
  o.mention_keys = {{"@channel", false}, {"@all", false}, {"@here", false}};
  return o;
}

void format_text(std::string& out, std::string_view text, const TextFormatOptions& o, bool in_link) {
  bool word_keys = std::any_of(o.mention_keys.begin(), o.mention_keys.end(),
                               [](const MentionKey& k) { return !k.key.empty() && k.key[0] != '@'; });
  if (!word_keys && !might_need_formatting(text)) {
    append_escaped(out, text);
    return;
  }
  std::vector<Seg> segs;
  push_text(segs, text);
  if (!in_link) {
    if (o.autolink_urls && !o.url_schemes.empty()) pass_urls(segs, o);
    if (o.inline_latex) pass_inline_latex(segs);
    if (o.at_mentions) pass_mentions(segs, o);
    pass_channels(segs, o);
    if (o.emails) pass_emails(segs);
    if (o.hashtags) pass_hashtags(segs, o);
  }
  emoticon_passes(segs, o.emoji, o.emoticons, false, [&](std::string_view name, std::string_view shown) {
    return emoji_html(name, shown, o, nullptr);
  });
  if (o.mention_highlight) pass_highlight_words(segs, o);
  if (o.emoji) pass_unicode_emoji(segs, o);
  emit_segments(out, segs);
}

std::string tokenize_at_mentions(std::string_view text) {
  std::string out;
  std::size_t pos = 0, n = 0;
  scan_mentions(text, kNone, [&](const MentionHit& h) {
    out.append(text.substr(pos, h.begin - pos));
    out += "$MM_ATMENTION" + std::to_string(n++) + "$";
    pos = h.name_end;
  });
  out.append(text.substr(pos));
  return out;
}

std::string tokenize_emoticons(std::string_view text, bool html_entities, bool text_emoticons) {
  std::vector<Seg> segs;
  push_text(segs, text);
  std::size_t n = 0;
  emoticon_passes(segs, true, text_emoticons, html_entities,
                  [&](std::string_view, std::string_view) { return "$MM_EMOTICON" + std::to_string(n++) + "$"; });
  std::string out;
  for (const Seg& s : segs) out += s.token ? (s.html.rfind("$MM_", 0) == 0 ? s.html : std::string(s.text)) : std::string(s.text);
  return out;
}

std::string wrap_unicode_emoji(std::string_view text, bool with_map) {
  std::vector<Seg> segs;
  push_text(segs, text);
  TextFormatOptions o;
  o.resolve_emoji = false;
  pass_unicode_emoji(segs, o, with_map);
  std::string out;
  for (const Seg& s : segs) out += s.token ? s.html : std::string(s.text);
  return out;
}

std::vector<std::string> match_emoticons_in(std::string_view plain) {
  std::vector<std::string> found;
  std::vector<Seg> named;
  push_text(named, plain);
  emoticon_passes(named, true, false, true, [](std::string_view, std::string_view) { return std::string("$"); });
  for (const Seg& s : named) if (s.token) found.emplace_back(s.text);
  std::vector<Seg> smileys;
  push_text(smileys, plain);
  emoticon_passes(smileys, false, true, true, [](std::string_view, std::string_view) { return std::string("$"); });
  for (const Emoticon& e : kEmoticons) {
    for (const Seg& s : smileys) {
      if (s.token && s.html == "$" && emoticon_body(e, s.text, 0, true) == s.text.size()) found.emplace_back(s.text);
    }
  }
  return found;
}

bool is_emoji_only(std::string_view text) {
  // Fast reject (bench patch): a word opening with an ASCII char that cannot open an emoticon or :name: stays text.
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool word_start = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\t' || text[i - 1] == '\r';
    if (!word_start || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c >= 0x80) continue;
    if (c != ':' && c != ';' && c != 'x' && c != 'X' && c != '<' && c != '&' && c != '#' && c != '*' && !is_digit(c)) {
      return false;
    }
  }
  std::vector<Seg> segs;
  push_text(segs, text);
  TextFormatOptions o;
  bool all_known = true;
  emoticon_passes(segs, true, true, false, [&](std::string_view name, std::string_view shown) {
    bool known = false;
    std::string h = emoji_html(name, shown, o, &known);
    if (!known) all_known = false;
    return std::string("$");
  });
  bool any = false;
  for (const Seg& s : segs) {
    if (s.token) { any = true; continue; }
    std::size_t i = 0;
    while (i < s.text.size()) {
      if (std::optional<UnicodeEmoji> e = may_start_emoji(s.text, i) ? match_unicode_emoji(s.text, i) : std::nullopt) {
        any = true;
        i += e->length;
        continue;
      }
      if (!is_space_cp(next_code_point(s.text, i))) return false;
    }
  }
  return any && all_known;
}

}  // namespace mmhook::detail
