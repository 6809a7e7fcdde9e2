// Diagnostics: stable codes, severities, messages and positions.
// Every code is declared once in codes/*.def (id, dotted name, severity, message template, doc line);
// message templates take positional arguments {0}, {1}, ... filled by make_diagnostic().
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include <utility>

namespace mmhook {

enum class Severity : std::uint8_t { error, warning, info };
std::string_view to_string(Severity s) noexcept;

enum class Code : std::uint16_t {
#define MMHOOK_CODE(id, name, severity, message, doc) id,
#include "mmhook/codes/all.def"
#undef MMHOOK_CODE
  count_
};

struct CodeInfo {
  std::string_view name;      // dotted, stable: "json.syntax"
  Severity severity;          // default severity
  std::string_view message;   // template with {0}.. placeholders
  std::string_view doc;       // one documentation line (empty in the wasm module: MMHOOK_CODE_DOCS=0)
};
// Codes [0, kCheckCodeCount) are codes/check.def's (table in diagnostic.cpp), the rest codes/tools.def's (table in
// diagnostic_tools.cpp, reached through mmhook_tools_code_info below).
inline constexpr std::size_t kCheckCodeCount = 0
#define MMHOOK_CODE(id, name, severity, message, doc) +1
#include "mmhook/codes/check.def"
#undef MMHOOK_CODE
    ;
namespace detail {
const CodeInfo& check_code_info(std::size_t i) noexcept;  // i < kCheckCodeCount
const CodeInfo& missing_code_info() noexcept;             // "internal.code_table": a module without the tools table
}  // namespace detail
}  // namespace mmhook

// The tools codes' entry i (counted from kCheckCodeCount). MMHOOK_WEAK_TOOLS_CODES (the wasm build): a weak reference,
// so the check module, which never emits a tools code, links without the table; the tools module links it by name
// (wasm/CMakeLists.txt).
#if defined(MMHOOK_WEAK_TOOLS_CODES)
extern "C" __attribute__((weak)) const mmhook::CodeInfo* mmhook_tools_code_info(std::size_t i) noexcept;
#else
extern "C" const mmhook::CodeInfo* mmhook_tools_code_info(std::size_t i) noexcept;
#endif

namespace mmhook {
inline const CodeInfo& code_info(Code c) noexcept {
  const auto i = static_cast<std::size_t>(c);
  if (i < kCheckCodeCount) return detail::check_code_info(i);
#if defined(MMHOOK_WEAK_TOOLS_CODES)
  if (!mmhook_tools_code_info) return detail::missing_code_info();
#endif
  return *mmhook_tools_code_info(i - kCheckCodeCount);
}
inline std::size_t code_count() noexcept { return static_cast<std::size_t>(Code::count_); }
inline const CodeInfo& code_info_at(std::size_t i) noexcept { return code_info(static_cast<Code>(i)); }

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;           // dotted name
  std::string message;
  std::string path;           // JSON Pointer into the payload ("" = whole body)
  std::size_t offset = 0;     // byte offset into the body as given
  std::uint32_t line = 1;     // 1-based
  std::uint32_t column = 1;   // 1-based byte column (to_utf16_positions(): all three in UTF-16 code units)
};

// Fills the template of `info` with args; line/column are left for finalize_positions().
Diagnostic make_diagnostic(const CodeInfo& info, std::string path, std::size_t offset,
                           std::initializer_list<std::string_view> args = {});
// The same for code `c` (inline, so a constant code picks its table at compile time).
inline Diagnostic make_diagnostic(Code c, std::string path, std::size_t offset,
                                  std::initializer_list<std::string_view> args = {}) {
  return make_diagnostic(code_info(c), std::move(path), offset, args);
}

// Collects diagnostics with a cap per severity (so warnings can never crowd out an error); beyond it only counts,
// reported as one "diagnostics.truncated" info.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t cap = 1000) : cap_(cap) {}
  void add(Diagnostic d);
  void add(Code c, std::string path, std::size_t offset, std::initializer_list<std::string_view> args = {}) {
    add(make_diagnostic(c, std::move(path), offset, args));
  }
  bool has(std::string_view code) const noexcept;
  const std::vector<Diagnostic>& items() const noexcept { return items_; }
  std::size_t dropped() const noexcept { return dropped_; }
  // Sorts errors, warnings, infos (stable by offset inside each group), computes line/column from body,
  // appends the truncation note, and returns the list.
  std::vector<Diagnostic> finish(std::string_view body) &&;

 private:
  std::vector<Diagnostic> items_;
  std::size_t cap_;
  std::size_t per_severity_[3] = {0, 0, 0};
  std::size_t dropped_ = 0;
};

// Units of Diagnostic offset/column: bytes of the UTF-8 text (the C++ API), or UTF-16 code units of the same text
// (the JS API for a string argument, spec/api.md).
enum class PositionUnits : std::uint8_t { bytes, utf16 };

// Recomputes offset (bytes of `text`, as finish() left them), line and column in UTF-16 code units of `text`. An
// offset inside a character moves past it; `text` is valid UTF-8 as TextEncoder writes it (4-byte sequences: 2 units).
void to_utf16_positions(std::string_view text, std::vector<Diagnostic>& ds);

// The one diagnostic writer: `ds` as the contract's JSON array (severity, code, message, path, offset, line, column).
void write_diagnostics_json(std::string& out, const std::vector<Diagnostic>& ds);

// Escapes one JSON Pointer reference token ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace mmhook
