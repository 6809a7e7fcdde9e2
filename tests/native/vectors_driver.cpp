#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "simdjson.h"
#include "vectors.h"

namespace mmhook::test {
namespace {

std::multimap<std::string, Handler>& registry() {
  static std::multimap<std::string, Handler> r;
  return r;
}

json::Value convert(simdjson::dom::element e) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT: {
      json::Value v = json::Value::make_object();
      simdjson::dom::object obj = e.get_object().value_unsafe();
      for (auto [k, val] : obj) v.object.push_back(json::Member{std::string(k), convert(val), 0});
      return v;
    }
    case element_type::ARRAY: {
      json::Value v = json::Value::make_array();
      simdjson::dom::array arr = e.get_array().value_unsafe();
      for (auto val : arr) v.array.push_back(convert(val));
      return v;
    }
    case element_type::STRING: return json::Value::from_string(std::string(e.get_string().value_unsafe()));
    case element_type::INT64: return json::Value::from_number(static_cast<double>(e.get_int64().value_unsafe()));
    case element_type::UINT64: return json::Value::from_number(static_cast<double>(e.get_uint64().value_unsafe()));
    case element_type::DOUBLE: return json::Value::from_number(e.get_double().value_unsafe());
    case element_type::BOOL: return json::Value::from_bool(e.get_bool().value_unsafe());
    case element_type::NULL_VALUE: return json::Value{};
  }
  return json::Value{};
}

std::string vectors_dir() {
  if (const char* env = std::getenv("MMHOOK_VECTORS_DIR")) return env;
  return MMHOOK_VECTORS_DIR;
}

}  // namespace

bool register_vector_handler(std::string file, Handler h) {
  registry().emplace(std::move(file), std::move(h));
  return true;
}

json::Value parse_json_for_test(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) throw std::runtime_error("bad JSON");
  return convert(root);
}

std::string expand_repeat(const json::Value& v) {
  if (v.is_string()) return v.text;
  if (const json::Value* r = v.is_object() ? v.find("$repeat") : nullptr; r && r->is_array() && r->array.size() == 2) {
    std::string out;
    const std::string& s = r->array[0].text;
    auto n = static_cast<std::size_t>(r->array[1].number);
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
  }
  return {};
}

}  // namespace mmhook::test

using namespace mmhook;

TEST_CASE("spec vectors: every file has a handler and every case passes or is a listed skip") {
  namespace fs = std::filesystem;
  const std::string dir = test::vectors_dir();
  REQUIRE_MESSAGE(fs::is_directory(dir), "vector folder not found: " << dir << " (set MMHOOK_VECTORS_DIR)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    auto [lo, hi] = test::registry().equal_range(name);
    if (lo == hi) {
      MESSAGE("vectors " << name << ": no handler yet (all cases skipped)");
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    json::Value cases = test::parse_json_for_test(ss.str());
    REQUIRE(cases.is_array());
    std::size_t passed = 0, failed = 0, skipped = 0;
    std::map<std::string, int> skip_reasons;
    for (std::size_t i = 0; i < cases.array.size(); ++i) {
      const json::Value& c = cases.array[i];
      static const json::Value kNull;
      const json::Value* src = c.find("source");
      const json::Value* input = c.find("input");
      const json::Value* expected = c.find("expected");
      const json::Value* note = c.find("note");
      test::VectorCase vc{name, i, src ? std::string_view(src->text) : "", input ? *input : kNull,
                          expected ? *expected : kNull, note ? std::string_view(note->text) : ""};
      test::CaseResult r;
      r = test::skip("no handler claims this case");
      try {
        for (auto it = lo; it != hi; ++it) {
          if (auto res = it->second(vc)) { r = std::move(*res); break; }
        }
      } catch (const std::exception& ex) {
        r = test::fail(std::string("exception: ") + ex.what());
      }
      switch (r.outcome) {
        case test::Outcome::pass: ++passed; break;
        case test::Outcome::skip: ++skipped; ++skip_reasons[r.why]; break;
        case test::Outcome::fail:
          ++failed;
          FAIL_CHECK("vector " << name << "[" << i << "] " << vc.source << ": " << r.why);
          break;
      }
    }
    MESSAGE("vectors " << name << ": " << passed << " passed, " << failed << " failed, " << skipped << " skipped");
    for (const auto& [why, n] : skip_reasons) MESSAGE("  skipped " << n << " in " << name << ": " << why);
  }
}
