#include "render/dialect.h"

#include "render/markdown.h"

namespace mmhook {

std::optional<Dialect> dialect_from_string(std::string_view name) noexcept {
  if (name == "web") return Dialect::web;
  if (name == "mobile") return Dialect::mobile;
  return std::nullopt;
}

std::string render_markdown(std::string_view text, Dialect dialect, const MarkdownOptions& opt) {
  if (opt.dialect == dialect) return render_markdown(text, opt);
  MarkdownOptions o = opt;
  o.dialect = dialect;
  return render_markdown(text, o);
}

}  // namespace mmhook
