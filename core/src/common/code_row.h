// MMHOOK_CODE_ROW: one CodeInfo row of a code table (codes/*.def). MMHOOK_CODE_DOCS=0 (the wasm modules) leaves the
// one-line docs out of the binary: nothing at run time reads them.
#pragma once
#if defined(MMHOOK_CODE_DOCS) && MMHOOK_CODE_DOCS == 0
#define MMHOOK_CODE_ROW(name, severity, message, doc) CodeInfo{name, severity, message, {}},
#else
#define MMHOOK_CODE_ROW(name, severity, message, doc) CodeInfo{name, severity, message, doc},
#endif
