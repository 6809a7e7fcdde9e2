#include "render/dialect.h"

namespace mmhook {

std::optional<Dialect> dialect_from_string(std::string_view name) noexcept {
  if (name == "web") return Dialect::web;
  if (name == "mobile") return Dialect::mobile;
  return std::nullopt;
}

}  // namespace mmhook
