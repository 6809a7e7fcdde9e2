// Data-driven spec tests: vector files under tests/vectors get handlers registered by vectors_*.cpp;
// the driver (vectors_driver.cpp, one test case per file) offers each case to the file's handlers in turn: the first
// one that returns a result owns it (std::nullopt = "not mine"); a case no handler claims fails. Failures are named
// by `source`; known divergences are data (tests/vectors/divergences/<file>, keyed by source, each with its reason).
#pragma once
#include <functional>
#include <map>
#include <optional>
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

using Handler = std::function<std::optional<CaseResult>(const VectorCase&)>;
// Adds a handler for one vector file (e.g. "validation.json"); returns true (for static init).
bool register_vector_handler(std::string file, Handler h);
// The handlers by file name, and the vector folder (MMHOOK_VECTORS_DIR overrides the build's).
std::multimap<std::string, Handler>& registry();
std::string vectors_dir();

// Test-side JSON parsing into json::Value (simdjson DOM; no Go semantics). Throws std::runtime_error on bad JSON.
json::Value parse_json_for_test(std::string_view text);
// Expands {"$repeat": [s, n]} in vector inputs.
std::string expand_repeat(const json::Value& v);

}  // namespace mmhook::test
