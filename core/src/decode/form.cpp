#include "decode/form.h"

#include "decode/content_type.h"

namespace mmhook::detail {
namespace {

int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Go strconv.Quote, enough for error texts of short ASCII-ish snippets.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { out.push_back('\\'); out.push_back(static_cast<char>(c)); }
    else if (c < 0x20 || c == 0x7f) {
      static const char* hx = "0123456789abcdef";
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else { out += "\\x"; out.push_back(hx[c >> 4]); out.push_back(hx[c & 15]); }
    } else out.push_back(static_cast<char>(c));
  }
  return out + "\"";
}

// url.QueryUnescape of s (at `base` in the source). Returns false with Go's error text.
bool query_unescape(std::string_view s, std::size_t base, std::string& out, OffsetMap* map, std::string& err,
                    std::size_t& err_at) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || hexv(s[i + 1]) < 0 || hexv(s[i + 2]) < 0) {
        err = "invalid URL escape " + quote(s.substr(i, 3));
        err_at = base + i;
        return false;
      }
      out.push_back(static_cast<char>(hexv(s[i + 1]) * 16 + hexv(s[i + 2])));
      if (map) map->add(out.size(), base + i + 3);
      i += 2;
    } else {
      out.push_back(c == '+' ? ' ' : c);
    }
  }
  return true;
}

}  // namespace

FormParse parse_query(std::string_view s) {
  FormParse r;
  std::size_t pos = 0;
  auto set_err = [&](std::string e, std::size_t at) {
    if (r.error.empty()) { r.error = std::move(e); r.error_offset = at; }
  };
  while (pos <= s.size() && !s.empty()) {
    std::size_t amp = s.find('&', pos);
    std::size_t end = amp == std::string_view::npos ? s.size() : amp;
    std::string_view pair = s.substr(pos, end - pos);
    std::size_t pair_at = pos;
    pos = end + 1;
    if (std::size_t semi = pair.find(';'); semi != std::string_view::npos) {
      set_err("invalid semicolon separator in query", pair_at + semi);
    } else if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string_view k = pair.substr(0, eq), v = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      FormField f;
      f.offset = pair_at;
      f.value_offset = eq == std::string_view::npos ? pair_at + pair.size() : pair_at + eq + 1;
      std::string e;
      std::size_t at = 0;
      f.value_map.add(0, f.value_offset);
      if (!query_unescape(k, pair_at, f.key, nullptr, e, at)) set_err(e, at);
      else if (!query_unescape(v, f.value_offset, f.value, &f.value_map, e, at)) set_err(e, at);
      else r.fields.push_back(std::move(f));
    }
    if (amp == std::string_view::npos) break;
  }
  return r;
}

namespace {

struct Lines {
  std::string_view s;
  std::size_t pos = 0;
  // Next line including its '\n' (Go ReadSlice('\n')); eof=true when no '\n' was found.
  std::string_view next(bool& eof) {
    std::size_t nl = s.find('\n', pos);
    eof = nl == std::string_view::npos;
    std::size_t end = eof ? s.size() : nl + 1;
    std::string_view line = s.substr(pos, end - pos);
    pos = end;
    return line;
  }
};

std::string_view trim_lws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

MultipartParse parse_multipart(std::string_view body, std::string_view boundary) {
  MultipartParse r;
  const std::string dash = "--" + std::string(boundary);
  std::string nl = "\r\n";
  Lines lines{body};
  auto is_delim = [&](std::string_view line, bool first) {
    if (line.substr(0, dash.size()) != dash) return false;
    std::string_view rest = trim_lws(line.substr(dash.size()));
    if (first && rest == "\n") { nl = "\n"; return true; }
    return rest == nl;
  };
  auto is_final = [&](std::string_view line) {
    if (line.substr(0, dash.size() + 2) != dash + "--") return false;
    std::string_view rest = trim_lws(line.substr(dash.size() + 2));
    return rest.empty() || rest == nl;
  };
  bool parts_read = false;
  for (;;) {
    // NextPart: find the delimiter line.
    bool expect_new = false, found = false;
    for (;;) {
      std::size_t at = lines.pos;
      bool eof = false;
      std::string_view line = lines.next(eof);
      if (eof && is_final(line)) return r;
      if (eof) {
        r.error = "multipart: NextPart: EOF";
        r.error_offset = body.size();
        return r;
      }
      if (is_delim(line, !parts_read)) { found = true; break; }
      if (is_final(line)) return r;
      if (expect_new) {
        r.error = "multipart: expecting a new Part; got line " + std::string(line);
        r.error_offset = at;
        return r;
      }
      if (!parts_read) continue;
      if (line == nl) { expect_new = true; continue; }
      r.error = "multipart: unexpected line in Next(): " + std::string(line);
      r.error_offset = at;
      return r;
    }
    if (!found) return r;
    parts_read = true;
    MultipartPart part;
    part.offset = lines.pos;
    // MIME headers up to an empty line.
    for (;;) {
      std::size_t at = lines.pos;
      bool eof = false;
      std::string_view line = lines.next(eof);
      if (eof) {
        r.error = "unexpected EOF";
        r.error_offset = body.size();
        return r;
      }
      std::string_view t = line;
      if (!t.empty() && t.back() == '\n') t.remove_suffix(1);
      if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
      if (t.empty()) break;
      std::size_t colon = t.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        r.error = "malformed MIME header line: " + std::string(t);
        r.error_offset = at;
        return r;
      }
      std::string name(t.substr(0, colon));
      for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (name == "content-disposition") {
        std::string_view v = t.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        MediaType d = parse_media_type(v);
        if (d.error.empty() && d.type == "form-data") {
          if (const std::string* n = d.param("name")) part.name = *n;
          if (const std::string* f = d.param("filename")) {
            std::string_view base = *f;
            if (std::size_t sl = base.find_last_of('/'); sl != std::string_view::npos && sl + 1 < base.size())
              base = base.substr(sl + 1);
            part.filename = std::string(base);
          }
        }
      }
    }
    // Content up to nl + dash followed by "--" or linear whitespace and a line end.
    part.value_offset = lines.pos;
    const std::string delim = nl + dash;
    std::size_t search = lines.pos, hit = std::string_view::npos;
    // The first part may start directly with the delimiter (empty content).
    for (;;) {
      std::size_t cand = body.find(delim, search);
      std::size_t dlen = delim.size();
      if (lines.pos == search && body.substr(lines.pos, dash.size()) == dash) { cand = lines.pos; dlen = dash.size(); }
      if (cand == std::string_view::npos) break;
      std::size_t after = cand + dlen;
      std::string_view tail = body.substr(after);
      if (tail.substr(0, 2) == "--" || tail.empty()) { hit = cand; break; }
      std::size_t k = 0;
      while (k < tail.size() && (tail[k] == ' ' || tail[k] == '\t')) ++k;
      if (tail.substr(k, nl.size()) == nl || k == tail.size()) { hit = cand; break; }
      search = cand + 1;
    }
    if (hit == std::string_view::npos) {
      r.error = "unexpected EOF";
      r.error_offset = body.size();
      return r;
    }
    part.value = std::string(body.substr(part.value_offset, hit - part.value_offset));
    r.parts.push_back(std::move(part));
    lines.pos = hit == lines.pos ? hit : hit + nl.size();
  }
}

}  // namespace mmhook::detail
