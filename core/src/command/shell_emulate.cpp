// printf and echo as the POSIX shells' builtins print them (the subset the three shells agree on).
#include <string>

#include "command/shell_parse.h"

namespace mmhook::detail {
namespace {

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// One backslash escape of a printf FORMAT at fmt[i] == '\\'; appends its output and returns chars consumed.
std::size_t format_escape(std::string_view s, std::size_t i, std::string& out, bool b_conversion, bool& stop) {
  if (i + 1 >= s.size()) {
    out.push_back('\\');
    return 1;
  }
  char c = s[i + 1];
  switch (c) {
    case '\\': out.push_back('\\'); return 2;
    case 'a': out.push_back('\a'); return 2;
    case 'b': out.push_back('\b'); return 2;
    case 'f': out.push_back('\f'); return 2;
    case 'n': out.push_back('\n'); return 2;
    case 'r': out.push_back('\r'); return 2;
    case 't': out.push_back('\t'); return 2;
    case 'v': out.push_back('\v'); return 2;
    case 'c':
      if (b_conversion) {
        stop = true;
        return 2;
      }
      break;
    default: break;
  }
  if (!b_conversion && (c == '"' || c == '\'')) {
    out.push_back(c);
    return 2;
  }
  // Format: \ddd (1-3 octal digits). %b argument: \0ddd (0 then up to 3 octal digits).
  std::size_t j = i + 1;
  if (b_conversion) {
    if (c != '0') {
      out.push_back('\\');
      return 1;
    }
    ++j;
  } else if (!is_octal(c)) {
    out.push_back('\\');
    return 1;
  }
  unsigned v = 0;
  std::size_t k = 0;
  for (; k < 3 && j + k < s.size() && is_octal(s[j + k]); ++k) v = v * 8 + static_cast<unsigned>(s[j + k] - '0');
  out.push_back(static_cast<char>(v & 0xFF));
  return j + k - i;
}

std::string expand_b(std::string_view arg, bool& stop) {
  std::string out;
  for (std::size_t i = 0; i < arg.size() && !stop;) {
    if (arg[i] == '\\') i += format_escape(arg, i, out, true, stop);
    else out.push_back(arg[i++]);
  }
  return out;
}

}  // namespace

std::optional<std::string> emulate_printf(const std::vector<std::string>& argv, std::string& why, std::size_t limit) {
  std::size_t first = 1;
  if (first < argv.size() && argv[first] == "--") ++first;
  if (first >= argv.size()) {
    why = "printf has no format";
    return std::nullopt;
  }
  std::string_view fmt = argv[first];
  std::size_t next = first + 1;
  std::string out;
  bool stop = false;
  for (;;) {
    bool consumed = false;
    for (std::size_t i = 0; i < fmt.size() && !stop;) {
      char c = fmt[i];
      if (c == '\\') {
        i += format_escape(fmt, i, out, false, stop);
      } else if (c == '%') {
        char conv = i + 1 < fmt.size() ? fmt[i + 1] : '\0';
        if (conv == '%') {
          out.push_back('%');
        } else if (conv == 's' || conv == 'b' || conv == 'c') {
          std::string arg = next < argv.size() ? argv[next] : std::string();
          if (next < argv.size()) {
            ++next;
            consumed = true;
          }
          if (conv == 's') out += arg;
          else if (conv == 'c') out += arg.substr(0, arg.empty() ? 0 : 1);
          else out += expand_b(arg, stop);
        } else {
          why = "the printf conversion %" + std::string(1, conv) + " is not emulated";
          return std::nullopt;
        }
        i += 2;
      } else {
        out.push_back(c);
        ++i;
      }
    }
    if (out.size() > limit) {
      why = "its output is too large to emulate";
      return std::nullopt;
    }
    if (stop || !consumed || next >= argv.size()) break;
  }
  return out;
}

std::string emulate_echo(const std::vector<std::string>& argv) {
  bool newline = true, escapes = false;
  std::size_t i = 1;
  for (; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-' || a.find_first_not_of("neE", 1) != std::string::npos) break;
    for (std::size_t k = 1; k < a.size(); ++k) {
      if (a[k] == 'n') newline = false;
      else if (a[k] == 'e') escapes = true;
      else escapes = false;
    }
  }
  std::string out;
  bool stop = false;
  for (std::size_t k = i; k < argv.size() && !stop; ++k) {
    if (k > i) out.push_back(' ');
    out += escapes ? expand_b(argv[k], stop) : argv[k];
  }
  if (newline && !stop) out.push_back('\n');
  return out;
}

}  // namespace mmhook::detail
