// check() on raw bodies sent with Content-Type application/x-www-form-urlencoded.
#include "check_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return mmhook::fuzz::check_properties(mmhook::fuzz::as_view(data, size), std::optional<std::string>("application/x-www-form-urlencoded"));
}
