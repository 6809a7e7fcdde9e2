// mmhook_bench_native: per-call latency of check() + report_to_json() (the work one wasm check() call does) on files.
// Usage: mmhook_bench_native [--time-ms T] [--min-iters N] [--warmup-ms W] [--samples] BODY[::SETTINGS_JSON_FILE] ...
// Content type application/json. --dump CASES: no timing; CASES holds records "CT_LEN SETTINGS_LEN PLATFORM_LEN BODY_LEN\n"
// + the four byte strings (CT_LEN -1 = no Content-Type), each answered by one line: report_to_json() (outputs.mjs).
// Prints one JSON object: {"cases":[{file,bytes,iters,median_ns,p99_ns,mean_ns,
// status,ok,posts,html_bytes,json_bytes[,samples_ns]}]} (--samples: every per-call time, in call order). Exit 2 on a usage or I/O error.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "mmhook/check.h"

namespace {

volatile std::size_t g_sink = 0;  // keeps the measured calls observable

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Result {
  std::string file;
  std::size_t bytes = 0, iters = 0, posts = 0, html_bytes = 0, json_bytes = 0;
  double median_ns = 0, p99_ns = 0, mean_ns = 0;
  int status = 0;
  bool ok = false;
  std::vector<double> samples_ns;  // in call order
};

// Runs check()+report_to_json() for at least `time_ms` and `min_iters` calls after `warmup_ms` of warm-up.
Result measure(const std::string& file, const std::string& body, const mmhook::CheckRequest& req, double time_ms,
               std::size_t min_iters, double warmup_ms) {
  using clock = std::chrono::steady_clock;
  Result r;
  r.file = file;
  r.bytes = body.size();
  std::size_t sink = 0;
  auto one = [&]() {
    mmhook::Report rep = mmhook::check(body, req);
    std::string json = mmhook::report_to_json(rep);
    sink += json.size();
    return std::make_pair(std::move(rep), json.size());
  };
  auto w0 = clock::now();
  do {
    auto [rep, n] = one();
    r.status = rep.status;
    r.ok = rep.ok;
    r.posts = rep.posts.size();
    r.html_bytes = 0;
    for (const auto& p : rep.posts) r.html_bytes += p.html.size();
    r.json_bytes = n;
  } while (std::chrono::duration<double, std::milli>(clock::now() - w0).count() < warmup_ms);
  std::vector<double> ns;
  auto t0 = clock::now();
  while (ns.size() < min_iters || std::chrono::duration<double, std::milli>(clock::now() - t0).count() < time_ms) {
    auto a = clock::now();
    one();
    ns.push_back(std::chrono::duration<double, std::nano>(clock::now() - a).count());
  }
  r.samples_ns = ns;
  double total = 0;
  for (double x : ns) total += x;
  std::sort(ns.begin(), ns.end());
  r.iters = ns.size();
  r.median_ns = ns[ns.size() / 2];
  r.p99_ns = ns[std::min(ns.size() - 1, ns.size() * 99 / 100)];
  r.mean_ns = total / ns.size();
  g_sink = g_sink + sink;
  return r;
}

void print_json_string(const std::string& s) {
  std::putchar('"');
  for (char c : s) {
    if (c == '"' || c == '\\') std::printf("\\%c", c);
    else if (static_cast<unsigned char>(c) < 0x20) std::printf("\\u%04x", c);
    else std::putchar(c);
  }
  std::putchar('"');
}

// --dump: one report_to_json() line per record of `path` (format above); 0, or 2 on a malformed file.
int dump(const std::string& path) {
  auto data = read_file(path);
  if (!data) return 2;
  std::size_t at = 0;
  while (at < data->size()) {
    std::size_t nl = data->find('\n', at);
    if (nl == std::string::npos) return 2;
    long ct = 0;
    std::size_t settings = 0, platform = 0, body = 0;
    if (std::sscanf(data->c_str() + at, "%ld %zu %zu %zu", &ct, &settings, &platform, &body) != 4) return 2;
    at = nl + 1;
    const std::size_t ct_len = ct < 0 ? 0 : static_cast<std::size_t>(ct);
    if (data->size() - at < ct_len + settings + platform + body) return 2;
    mmhook::CheckRequest req;
    if (ct >= 0) req.content_type = data->substr(at, ct_len);
    at += ct_len;
    if (settings) req.settings = mmhook::settings_from_json(data->substr(at, settings), &req.settings_diagnostics);
    at += settings;
    req.platform = data->substr(at, platform);
    at += platform;
    std::string json = mmhook::report_to_json(mmhook::check(std::string_view(*data).substr(at, body), req));
    at += body;
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::putchar('\n');
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  double time_ms = 1000, warmup_ms = 200;
  std::size_t min_iters = 20;
  bool samples = false;
  std::vector<std::string> specs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--time-ms" && i + 1 < argc) time_ms = std::atof(argv[++i]);
    else if (a == "--warmup-ms" && i + 1 < argc) warmup_ms = std::atof(argv[++i]);
    else if (a == "--min-iters" && i + 1 < argc) min_iters = static_cast<std::size_t>(std::atol(argv[++i]));
    else if (a == "--samples") samples = true;
    else if (a == "--dump" && i + 1 < argc) return dump(argv[++i]);
    else specs.push_back(a);
  }
  if (specs.empty()) {
    std::fputs("usage: mmhook_bench_native [--time-ms T] [--min-iters N] [--warmup-ms W] BODY[::SETTINGS.json]...\n", stderr);
    return 2;
  }
  std::vector<Result> results;
  for (const std::string& spec : specs) {
    auto sep = spec.find("::");
    std::string file = spec.substr(0, sep);
    auto body = read_file(file);
    if (!body) {
      std::fprintf(stderr, "mmhook_bench_native: cannot read %s\n", file.c_str());
      return 2;
    }
    mmhook::CheckRequest req;
    req.content_type = "application/json";
    if (sep != std::string::npos) {
      auto settings = read_file(spec.substr(sep + 2));
      if (!settings) {
        std::fprintf(stderr, "mmhook_bench_native: cannot read %s\n", spec.substr(sep + 2).c_str());
        return 2;
      }
      req.settings = mmhook::settings_from_json(*settings);
    }
    results.push_back(measure(file, *body, req, time_ms, min_iters, warmup_ms));
  }
  std::printf("{\"cases\":[");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    if (i) std::putchar(',');
    std::printf("{\"file\":");
    print_json_string(r.file);
    std::printf(",\"bytes\":%zu,\"iters\":%zu,\"median_ns\":%.0f,\"p99_ns\":%.0f,\"mean_ns\":%.0f,\"status\":%d,\"ok\":%s,"
                "\"posts\":%zu,\"html_bytes\":%zu,\"json_bytes\":%zu",
                r.bytes, r.iters, r.median_ns, r.p99_ns, r.mean_ns, r.status, r.ok ? "true" : "false", r.posts,
                r.html_bytes, r.json_bytes);
    if (samples) {
      std::printf(",\"samples_ns\":[");
      for (std::size_t k = 0; k < r.samples_ns.size(); ++k) std::printf(k ? ",%.0f" : "%.0f", r.samples_ns[k]);
      std::putchar(']');
    }
    std::putchar('}');
  }
  std::printf("]}\n");
  return 0;
}
