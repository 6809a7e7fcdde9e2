// Golden files: tests/golden/<name>.json is a webhook body; <name>.html is the expected HTML of every post
// check() creates, each post ending in a line break and each block element starting a line (so that a diff shows
// the block that changed; the HTML is otherwise byte for byte). MMHOOK_UPDATE_GOLDEN=1 rewrites the .html files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "mmhook/check.h"

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// html with a line break before each block element's opening tag (but the first).
std::string one_block_per_line(const std::string& html) {
  static const std::string_view kBlocks[] = {"div", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                                             "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr"};
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<' && i > 0) {
      std::size_t e = i + 1;
      while (e < html.size() && std::isalnum(static_cast<unsigned char>(html[e]))) ++e;
      const std::string_view name = std::string_view(html).substr(i + 1, e - i - 1);
      const bool ends = e < html.size() && (html[e] == ' ' || html[e] == '>');
      if (ends && std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks)) out.push_back('\n');
    }
    out.push_back(html[i]);
  }
  return out;
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
    for (const mmhook::Post& p : r.posts) html += one_block_per_line(p.html) + "\n";
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
