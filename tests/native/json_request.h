// Test helper: the CheckRequest of a JSON webhook body (Content-Type application/json, no query, default settings).
#pragma once
#include "mmhook/check.h"

namespace mmhook::test {

inline CheckRequest json_req() {
  CheckRequest r;
  r.content_type = "application/json";
  return r;
}

}  // namespace mmhook::test
