// The JSON of make_command()'s and parse_command()'s results, as the JS API returns them (diagnostics through the one
// writer shared with the Report).
#include "mmhook/command.h"
#include "mmhook/json.h"

namespace mmhook {

std::string command_result_to_json(const CommandResult& r) {
  std::string out = "{\"command\":";
  json::write_string(out, r.text);
  out += ",\"diagnostics\":";
  write_diagnostics_json(out, r.diagnostics);
  out.push_back('}');
  return out;
}

std::string parsed_command_to_json(const ParsedCommand& p) {
  std::string out = "{\"url\":";
  json::write_string(out, p.url);
  out += ",\"contentType\":";
  if (p.content_type) json::write_string(out, *p.content_type);
  else out += "null";
  out += ",\"body\":";
  json::write_string(out, p.body);
  out += ",\"diagnostics\":";
  write_diagnostics_json(out, p.diagnostics);
  out.push_back('}');
  return out;
}

}  // namespace mmhook
