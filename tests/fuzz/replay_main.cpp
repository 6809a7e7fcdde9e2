// Replay driver for builds without libFuzzer: runs the target over every file of the given folders/files (default:
// the seed folders compiled in as MMHOOK_FUZZ_SEED_DIRS, '|'-separated). Prints one line
// "replay <target>: N inputs ok" (or the failures) and exits non-zero when a property failed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

void collect(const fs::path& p, std::vector<fs::path>& files) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec)) files.push_back(it->path());
  } else if (fs::is_regular_file(p, ec)) {
    files.push_back(p);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> roots;
  for (int i = 1; i < argc; ++i) roots.emplace_back(argv[i]);
  if (roots.empty()) {
    std::string dirs = MMHOOK_FUZZ_SEED_DIRS;
    std::size_t s = 0;
    while (s <= dirs.size()) {
      std::size_t e = dirs.find('|', s);
      if (e == std::string::npos) e = dirs.size();
      if (e > s) roots.push_back(dirs.substr(s, e - s));
      s = e + 1;
    }
  }
  std::vector<fs::path> files;
  for (const auto& r : roots) collect(r, files);
  std::sort(files.begin(), files.end());

  std::size_t ok = 0, failed = 0;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    mmhook::fuzz::failed_flag() = false;
    // A copy of exactly `size` bytes so ASan catches reads past the end, as under libFuzzer.
    std::vector<std::uint8_t> buf(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(buf.empty() ? nullptr : buf.data(), buf.size());
    if (mmhook::fuzz::failed_flag()) {
      ++failed;
      std::fprintf(stderr, "  input: %s\n", f.string().c_str());
    } else {
      ++ok;
    }
  }
  if (failed > 0) {
    std::printf("replay %s: %zu inputs ok, %zu failed\n", MMHOOK_FUZZ_TARGET, ok, failed);
    return 1;
  }
  if (files.empty()) {
    std::printf("replay %s: no inputs found\n", MMHOOK_FUZZ_TARGET);
    return 1;
  }
  std::printf("replay %s: %zu inputs ok\n", MMHOOK_FUZZ_TARGET, ok);
  return 0;
}
