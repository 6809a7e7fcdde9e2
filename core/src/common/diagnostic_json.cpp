// The one diagnostic writer (Report, command and interactivity results) and the UTF-16 position units of the JS API.
#include <algorithm>
#include <numeric>

#include "mmhook/diagnostic.h"
#include "mmhook/json.h"

namespace mmhook {

void to_utf16_positions(std::string_view text, std::vector<Diagnostic>& ds) {
  std::vector<std::size_t> order(ds.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ds[a].offset < ds[b].offset; });
  std::size_t pos = 0;         // bytes
  std::size_t units = 0;       // UTF-16 code units before pos
  std::size_t line_start = 0;  // in units
  std::uint32_t line = 1;
  for (std::size_t idx : order) {
    Diagnostic& d = ds[idx];
    while (pos < text.size() && pos < d.offset) {
      const auto c = static_cast<unsigned char>(text[pos]);
      const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2
                                         : c < 0xF0   ? 3
                                                      : 4;
      if (c == '\n') {
        ++line;
        line_start = units + 1;
      }
      pos += len;
      units += len == 4 ? 2 : 1;
    }
    d.offset = units;
    d.line = line;
    d.column = static_cast<std::uint32_t>(units - line_start + 1);
  }
}

void write_diagnostics_json(std::string& out, const std::vector<Diagnostic>& ds) {
  out.push_back('[');
  bool first = true;
  for (const Diagnostic& d : ds) {
    if (!first) out.push_back(',');
    first = false;
    out += "{\"severity\":";
    json::write_string(out, to_string(d.severity));
    out += ",\"code\":";
    json::write_string(out, d.code);
    out += ",\"message\":";
    json::write_string(out, d.message);
    out += ",\"path\":";
    json::write_string(out, d.path);
    out += ",\"offset\":" + std::to_string(d.offset) + ",\"line\":" + std::to_string(d.line) +
           ",\"column\":" + std::to_string(d.column) + "}";
  }
  out.push_back(']');
}

}  // namespace mmhook
