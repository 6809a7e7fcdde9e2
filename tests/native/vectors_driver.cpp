#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "simdjson.h"
#include "vectors.h"

namespace mmhook::test {

std::multimap<std::string, Handler>& registry() {
  static std::multimap<std::string, Handler> r;
  return r;
}

namespace {
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
}  // namespace

std::string vectors_dir() {
  if (const char* env = std::getenv("MMHOOK_VECTORS_DIR")) return env;
  return MMHOOK_VECTORS_DIR;
}

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

namespace {

namespace fs = std::filesystem;

// Every vector file, each its own test case (and CTest entry, tests/native/CMakeLists.txt).
constexpr const char* kVectorFiles[] = {"attachments.json",       "emoticons.json", "interactivity.json",
                                        "markdown.json",          "rest.json",              "slack_translation.json",
                                        "splitting.json",         "validation.json",        "webapp_formatting.json"};

json::Value read_json_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return test::parse_json_for_test(ss.str());
}

// A known divergence: the case(s) with this source (only its n-th when `occurrence` is given) may fail, for `reason`.
struct Divergence {
  std::string reason;
  bool matched = false;    // a case has this source (and occurrence)
  bool diverged = false;   // one of them failed, as listed
};

// tests/vectors/divergences/<file>: [{"source", "occurrence"?, "reason"}], keyed "source#occurrence" (#0 = any).
std::map<std::string, Divergence> load_divergences(const fs::path& dir, const std::string& file) {
  std::map<std::string, Divergence> out;
  const fs::path path = dir / "divergences" / file;
  if (!fs::exists(path)) return out;
  json::Value list = read_json_file(path);
  for (const json::Value& e : list.array) {
    const json::Value* s = e.find("source");
    const json::Value* r = e.find("reason");
    const json::Value* n = e.find("occurrence");
    REQUIRE_MESSAGE((s && r && !r->text.empty()), "divergences/" << file << ": every entry needs a source and a reason");
    out[s->text + "#" + std::to_string(n ? static_cast<long>(n->number) : 0)] = Divergence{r->text};
  }
  return out;
}

void run_vector_file(const std::string& name) {
  const fs::path dir = test::vectors_dir();
  REQUIRE_MESSAGE(fs::is_directory(dir), "vector folder not found: " << dir.string() << " (set MMHOOK_VECTORS_DIR)");
  auto [lo, hi] = test::registry().equal_range(name);
  REQUIRE_MESSAGE(lo != hi, "vectors " << name << ": no handler is registered for this file");
  json::Value cases = read_json_file(dir / name);
  REQUIRE(cases.is_array());
  std::map<std::string, Divergence> divergences = load_divergences(dir, name);
  std::map<std::string, long> occurrences;
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
    test::CaseResult r = test::fail("no handler claims this case");
    try {
      for (auto it = lo; it != hi; ++it) {
        if (auto res = it->second(vc)) { r = std::move(*res); break; }
      }
    } catch (const std::exception& ex) {
      r = test::fail(std::string("exception: ") + ex.what());
    }
    const std::string source(vc.source);
    const long occurrence = ++occurrences[source];
    auto listed = divergences.find(source + "#" + std::to_string(occurrence));
    if (listed == divergences.end()) listed = divergences.find(source + "#0");
    if (listed != divergences.end()) {
      listed->second.matched = true;
      if (r.outcome == test::Outcome::fail) {
        listed->second.diverged = true;
        r = test::skip("known divergence: " + listed->second.reason);
      }
    }
    switch (r.outcome) {
      case test::Outcome::pass: ++passed; break;
      case test::Outcome::skip: ++skipped; ++skip_reasons[r.why]; break;
      case test::Outcome::fail:
        ++failed;
        FAIL_CHECK("vector " << name << " " << vc.source << " (#" << occurrence << "): " << r.why);
        break;
    }
  }
  for (const auto& [key, d] : divergences) {
    CHECK_MESSAGE(d.matched, "divergences/" << name << ": no case has " << key);
    CHECK_MESSAGE((!d.matched || d.diverged), "divergences/" << name << ": " << key << " now passes; remove it");
  }
  MESSAGE("vectors " << name << ": " << passed << " passed, " << failed << " failed, " << skipped << " skipped");
  for (const auto& [why, n] : skip_reasons) MESSAGE("  skipped " << n << " in " << name << ": " << why);
}

}  // namespace

TEST_CASE("vectors: every file in tests/vectors has its test case") {
  const fs::path dir = test::vectors_dir();
  std::set<std::string> listed(std::begin(kVectorFiles), std::end(kVectorFiles)), present;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") present.insert(e.path().filename().string());
  CHECK(listed == present);
  for (const auto& e : fs::directory_iterator(dir / "divergences"))
    CHECK_MESSAGE(listed.count(e.path().filename().string()), "divergences for no vector file: " << e.path().filename().string());
}

#define MMHOOK_VECTOR_FILE_CASE(file) \
  TEST_CASE("vectors " file) { run_vector_file(file); }
MMHOOK_VECTOR_FILE_CASE("attachments.json")
MMHOOK_VECTOR_FILE_CASE("emoticons.json")
MMHOOK_VECTOR_FILE_CASE("interactivity.json")
MMHOOK_VECTOR_FILE_CASE("markdown.json")
MMHOOK_VECTOR_FILE_CASE("rest.json")
MMHOOK_VECTOR_FILE_CASE("slack_translation.json")
MMHOOK_VECTOR_FILE_CASE("splitting.json")
MMHOOK_VECTOR_FILE_CASE("validation.json")
MMHOOK_VECTOR_FILE_CASE("webapp_formatting.json")
