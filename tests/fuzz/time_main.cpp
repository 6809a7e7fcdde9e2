// mmhook_fuzz_time: times check() natively for scripts/fuzz-scaling.mjs.
// Usage: mmhook_fuzz_time [--runs N] [--settings JSON] FILE...   (content type application/json)
// Prints one line per file: "<file>\t<bytes>\t<best seconds>\t<status>\t<html bytes>".
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "mmhook/check.h"

int main(int argc, char** argv) {
  int runs = 3;
  std::string settings_json;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--settings" && i + 1 < argc) settings_json = argv[++i];
    else files.push_back(a);
  }
  mmhook::CheckRequest req;
  req.content_type = "application/json";
  if (!settings_json.empty()) req.settings = mmhook::settings_from_json(settings_json);
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    double best = 1e30;
    int status = 0;
    std::size_t html = 0;
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      mmhook::Report rep = mmhook::check(body, req);
      auto t1 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
      status = rep.status;
      html = 0;
      for (const auto& p : rep.posts) html += p.html.size();
    }
    std::printf("%s\t%zu\t%.6f\t%d\t%zu\n", f.c_str(), body.size(), best, status, html);
  }
  return 0;
}
