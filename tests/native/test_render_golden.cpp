// Golden files: tests/golden/<name>.json is a webhook body; <name>.html is the expected HTML of every post
// check() creates (one per line). MMHOOK_UPDATE_GOLDEN=1 rewrites the .html files from the current output.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "mmhook/check.h"

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path golden_dir() { return std::filesystem::path(MMHOOK_TESTDATA_DIR).parent_path() / "golden"; }

}  // namespace

TEST_CASE("golden: whole-post HTML of representative payloads") {
  namespace fs = std::filesystem;
  const bool update = std::getenv("MMHOOK_UPDATE_GOLDEN") && std::string(std::getenv("MMHOOK_UPDATE_GOLDEN")) == "1";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(golden_dir()))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 7);
  for (const fs::path& json : files) {
    mmhook::CheckRequest req;
    req.content_type = "application/json";
    req.settings.enable_post_username_override = true;
    req.settings.enable_post_icon_override = true;
    mmhook::Report r = mmhook::check(read_file(json), req);
    CHECK_MESSAGE(r.ok, json.filename().string());
    std::string html;
    for (const mmhook::Post& p : r.posts) html += p.html + "\n";
    fs::path expected = json;
    expected.replace_extension(".html");
    if (update) {
      std::ofstream(expected, std::ios::binary) << html;
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(expected), "missing " << expected << " (run with MMHOOK_UPDATE_GOLDEN=1)");
    CHECK_MESSAGE(read_file(expected) == html, "golden mismatch: " << json.filename().string());
  }
}
