// Data-driven spec tests: each vector file under ../shared/spec/vectors has one handler (registered by a
// vectors_<file>.cpp); the driver in vectors_driver.cpp runs every case and names each failure by its `source`.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "mmhook/json.h"

namespace mmhook::test {

enum class Outcome { pass, fail, skip };
struct CaseResult {
  Outcome outcome = Outcome::pass;
  std::string why;  // for fail: what differed; for skip: the reason (listed in the run's output)
};
inline CaseResult pass() { return {}; }
inline CaseResult fail(std::string why) { return {Outcome::fail, std::move(why)}; }
inline CaseResult skip(std::string why) { return {Outcome::skip, std::move(why)}; }

struct VectorCase {
  std::string_view file;
  std::size_t index;
  std::string_view source;
  const json::Value& input;
  const json::Value& expected;
  std::string_view note;
};

using Handler = std::function<CaseResult(const VectorCase&)>;
// Registers the handler of one vector file (e.g. "validation.json"); returns true (for static init).
bool register_vector_handler(std::string file, Handler h);

// Test-side JSON parsing into json::Value (simdjson DOM; no Go semantics). Throws std::runtime_error on bad JSON.
json::Value parse_json_for_test(std::string_view text);
// Expands {"$repeat": [s, n]} in vector inputs.
std::string expand_repeat(const json::Value& v);

}  // namespace mmhook::test
