// The check module (mmhook.wasm) without the mobile dialect: this definition stands in for render/dialect_mobile.cpp,
// so the linker never pulls that unit (nor cmark-gfm) from the core library. wasm/mmhook.js sends checks with
// platform "mobile" to the tools module, which links the real renderer; this text is never shown there.
#include "render/html.h"
#include "render/markdown.h"

namespace mmhook::detail {

std::string render_mobile_markdown(std::string_view text, const MarkdownOptions&) {
  std::string out = "<p class=\"mm-raw-html\">";
  append_escaped(out, text);
  out += "</p>";
  return out;
}

}  // namespace mmhook::detail
