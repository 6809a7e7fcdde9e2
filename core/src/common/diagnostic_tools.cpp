// The tools codes' texts (codes/tools.def): linked only into what can emit them (never the check module).
#include <array>

#include "mmhook/diagnostic.h"

#include "common/code_row.h"

namespace mmhook {
namespace {
using enum Severity;
constexpr std::array<CodeInfo, static_cast<std::size_t>(Code::count_) - kCheckCodeCount> kToolsCodes = {{
#define MMHOOK_CODE(id, name, severity, message, doc) MMHOOK_CODE_ROW(name, severity, message, doc)
#include "mmhook/codes/tools.def"
#undef MMHOOK_CODE
}};
}  // namespace

}  // namespace mmhook

extern "C" const mmhook::CodeInfo* mmhook_tools_code_info(std::size_t i) noexcept { return &mmhook::kToolsCodes[i]; }
