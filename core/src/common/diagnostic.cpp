#include "mmhook/diagnostic.h"

#include <algorithm>
#include <array>

#include "common/code_row.h"

namespace mmhook {
namespace {
using enum Severity;
constexpr std::array<CodeInfo, kCheckCodeCount> kCheckCodes = {{
#define MMHOOK_CODE(id, name, severity, message, doc) MMHOOK_CODE_ROW(name, severity, message, doc)
#include "mmhook/codes/check.def"
#undef MMHOOK_CODE
}};
// Appends a message argument with every line break and control character written as an escape (\n, \t, \r,
// \u00XX, \u2028): a message is one line wherever it is printed.
void append_arg(std::string& out, std::string_view a) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;  // start of the bytes not yet appended (copied as they are)
  for (std::size_t i = 0; i < a.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(a[i]);
    if (c >= 0x20 && c != 0x7F && c != 0xC2 && c != 0xE2) continue;
    unsigned cp = 0x110000;
    std::size_t len = 1;
    if (c < 0x20 || c == 0x7F) cp = c;
    else if (c == 0xC2 && i + 1 < a.size() && static_cast<unsigned char>(a[i + 1]) >= 0x80 &&
             static_cast<unsigned char>(a[i + 1]) <= 0x9F) { cp = static_cast<unsigned char>(a[i + 1]); len = 2; }
    else if (c == 0xE2 && i + 2 < a.size() && static_cast<unsigned char>(a[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(a[i + 2]) == 0xA8 || static_cast<unsigned char>(a[i + 2]) == 0xA9)) {
      cp = 0x2000 + static_cast<unsigned char>(a[i + 2]) - 0x80; len = 3;
    }
    if (cp == 0x110000) continue;
    out.append(a.data() + run, i - run);
    if (cp == '\n') out += "\\n";
    else if (cp == '\t') out += "\\t";
    else if (cp == '\r') out += "\\r";
    else {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 0xF]);
    }
    i += len - 1;
    run = i + 1;
  }
  out.append(a.data() + run, a.size() - run);
}

}  // namespace

std::string_view to_string(Severity s) noexcept {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

const CodeInfo& detail::check_code_info(std::size_t i) noexcept { return kCheckCodes[i]; }
const CodeInfo& detail::missing_code_info() noexcept {
  static constexpr CodeInfo kMissing{"internal.code_table", error, "This module has no text for this diagnostic.", {}};
  return kMissing;
}

Diagnostic make_diagnostic(const CodeInfo& info, std::string path, std::size_t offset,
                           std::initializer_list<std::string_view> args) {
  Diagnostic d;
  d.severity = info.severity;
  d.code = std::string(info.name);
  d.path = std::move(path);
  d.offset = offset;
  std::string_view t = info.message;
  d.message.reserve(t.size() + 32);
  std::size_t run = 0;  // start of the template text not yet appended
  for (std::size_t i = t.find('{'); i != std::string_view::npos; i = t.find('{', i + 1)) {
    if (i + 2 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9' && t[i + 2] == '}') {
      d.message.append(t.data() + run, i - run);
      std::size_t k = static_cast<std::size_t>(t[i + 1] - '0');
      if (k < args.size()) append_arg(d.message, *(args.begin() + k));
      i += 2;
      run = i + 1;
    }
  }
  d.message.append(t.data() + run, t.size() - run);
  return d;
}

void Diagnostics::add(Diagnostic d) {
  std::size_t& n = per_severity_[static_cast<std::size_t>(d.severity)];
  if (n >= cap_) {
    ++dropped_;
    return;
  }
  ++n;
  items_.push_back(std::move(d));
}

bool Diagnostics::has(std::string_view code) const noexcept {
  return std::any_of(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.code == code; });
}

std::vector<Diagnostic> Diagnostics::finish(std::string_view body) && {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    return a.offset < b.offset;
  });
  if (dropped_ > 0) {
    items_.push_back(make_diagnostic(Code::diagnostics_truncated, "", 0, {std::to_string(dropped_)}));
  }
  // One pass over the body for all line/column values, in offset order.
  std::vector<std::size_t> order(items_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return items_[a].offset < items_[b].offset; });
  std::size_t pos = 0, line_start = 0;
  std::uint32_t line = 1;
  for (std::size_t idx : order) {
    Diagnostic& d = items_[idx];
    if (d.offset > body.size()) d.offset = body.size();
    for (; pos < d.offset; ++pos)
      if (body[pos] == '\n') { ++line; line_start = pos + 1; }
    d.line = line;
    d.column = static_cast<std::uint32_t>(d.offset - line_start + 1);
  }
  return std::move(items_);
}

std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

}  // namespace mmhook
