// Test helper for tests/exec/commands.test.mjs: runs make_command and parse_command on files.
//   mmhook_cmd make SHELL ENCODING URL BODYFILE      prints the command
//   mmhook_cmd parse CMDFILE                         prints {"url","contentType","codes"} and the body as base64
//   mmhook_cmd batch DIR URL                         for every DIR/NAME.body and every shell and encoding writes
//                                                    NAME.SHELL.ENC.cmd and, for curl targets, NAME.SHELL.ENC.parsed
//                                                    (JSON as for parse)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "mmhook/command.h"

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& s) {
  std::ofstream f(p, std::ios::binary);
  f << s;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;   // bytes, not characters: the test only compares ASCII here
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::string base64(std::string_view s) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(s[i]) << 16) | (static_cast<unsigned char>(s[i + 1]) << 8) | static_cast<unsigned char>(s[i + 2]);
    out += {a[v >> 18], a[(v >> 12) & 63], a[(v >> 6) & 63], a[v & 63]};
  }
  if (i < s.size()) {
    unsigned v = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) v |= static_cast<unsigned char>(s[i + 1]) << 8;
    out += {a[v >> 18], a[(v >> 12) & 63], i + 1 < s.size() ? a[(v >> 6) & 63] : '=', '='};
  }
  return out;
}

std::string parsed_json(const mmhook::ParsedCommand& p) {
  std::string out = "{\"url\":" + json_string(p.url) + ",\"contentType\":" +
                    (p.content_type ? json_string(*p.content_type) : std::string("null")) + ",\"codes\":[";
  for (std::size_t i = 0; i < p.diagnostics.size(); ++i) out += (i ? "," : "") + json_string(p.diagnostics[i].code);
  return out + "],\"body\":\"" + base64(p.body) + "\"}\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "make" && argc == 6) {
    mmhook::CommandOptions o;
    auto shell = mmhook::shell_from_string(argv[2]);
    auto enc = mmhook::encoding_from_string(argv[3]);
    if (!shell || !enc) return 2;
    o.shell = *shell;
    o.encoding = *enc;
    o.url = argv[4];
    std::cout << mmhook::make_command(read_file(argv[5]), o).text;
    return 0;
  }
  if (mode == "parse" && argc == 3) {
    std::cout << parsed_json(mmhook::parse_command(read_file(argv[2])));
    return 0;
  }
  if (mode == "batch" && argc == 4) {
    namespace fs = std::filesystem;
    for (const auto& entry : fs::directory_iterator(argv[2])) {
      if (entry.path().extension() != ".body") continue;
      std::string body = read_file(entry.path());
      std::string stem = entry.path().stem().string();
      for (mmhook::Shell sh : mmhook::kShells) {
        for (auto enc : {mmhook::BodyEncoding::json, mmhook::BodyEncoding::form}) {
          mmhook::CommandOptions o{argv[3], sh, enc};
          std::string name = stem + "." + std::string(mmhook::to_string(sh)) + "." +
                             (enc == mmhook::BodyEncoding::json ? "json" : "form");
          std::string cmd = mmhook::make_command(body, o).text;
          write_file(fs::path(argv[2]) / (name + ".cmd"), cmd);
          if (sh == mmhook::Shell::posix || sh == mmhook::Shell::cmd || sh == mmhook::Shell::powershell ||
              sh == mmhook::Shell::powershell_irm) {
            write_file(fs::path(argv[2]) / (name + ".parsed"), parsed_json(mmhook::parse_command(cmd)));
          }
        }
      }
    }
    return 0;
  }
  std::cerr << "usage: mmhook_cmd make SHELL ENCODING URL BODYFILE | parse CMDFILE | batch DIR URL\n";
  return 2;
}
