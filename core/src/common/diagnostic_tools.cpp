// The tools codes' texts (codes/tools.def): linked only into what can emit them (never the check module).
#include <array>

#include "mmhook/diagnostic.h"

namespace mmhook {
namespace {
using enum Severity;
constexpr std::array<CodeInfo, static_cast<std::size_t>(Code::count_) - kCheckCodeCount> kToolsCodes = {{
// MMHOOK_CODE_DOCS=0 (the wasm modules): as in diagnostic.cpp.
#if defined(MMHOOK_CODE_DOCS) && MMHOOK_CODE_DOCS == 0
#define MMHOOK_CODE(id, name, severity, message, doc) CodeInfo{name, severity, message, {}},
#else
#define MMHOOK_CODE(id, name, severity, message, doc) CodeInfo{name, severity, message, doc},
#endif
#include "mmhook/codes/tools.def"
#undef MMHOOK_CODE
}};
}  // namespace

}  // namespace mmhook

extern "C" const mmhook::CodeInfo* mmhook_tools_code_info(std::size_t i) noexcept { return &mmhook::kToolsCodes[i]; }
