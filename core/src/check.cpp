#include "mmhook/check.h"

#include <algorithm>

#include "validate/process.h"
#include "render/render.h"
#include "decode/request.h"

namespace mmhook {

namespace {

// decode -> validate -> translate -> split (-> render when `render`) into `report`, diagnostics into `diags` (not
// finished). Rendering adds no diagnostic, so posts rendered later give the same Report.
void run(std::string_view body, const CheckRequest& req, Dialect dialect, Report& report, Diagnostics& diags,
         bool render = true) {
  DecodeResult decoded = decode_request(body, req.content_type, req.query, req.settings, diags);
  if (decoded.status != 200 || !decoded.request) {
    report.status = decoded.status == 200 ? 400 : decoded.status;
    report.error = std::move(decoded.error);
  } else {
    ProcessResult processed = process_request(*decoded.request, req.settings, decoded.media_type, diags);
    report.status = processed.status;
    report.error = std::move(processed.error);
    if (processed.status == 200) {
      report.posts = std::move(processed.posts);
      if (render)
        for (Post& p : report.posts) p.html = render_post(p, req.settings, dialect);
    }
  }
  report.ok = report.status == 200;
}

// check(), with the posts' html left empty unless `render`; `req` gets the normalized settings, `dialect` the used one.
Report check_impl(std::string_view body, CheckRequest& req, Dialect& dialect_out, bool render) {
  Report report;
  Diagnostics diags;
  Diagnostics setting_notes;
  for (const Diagnostic& d : req.settings_diagnostics) setting_notes.add(d);
  req.settings_diagnostics.clear();
  normalize_settings(req.settings, setting_notes);
  for (const Diagnostic& d : setting_notes.items()) diags.add(d);
  std::optional<Dialect> dialect = req.platform.empty() ? Dialect::web : dialect_from_string(req.platform);
  if (!dialect) diags.add(Code::options_platform, "", 0, {req.platform.size() > 40 ? req.platform.substr(0, 40) + "…" : req.platform});
  const Dialect d = dialect.value_or(Dialect::web);
  dialect_out = d;
  const std::size_t limit = request_body_limit(req.settings);
  if (body.size() <= limit) {
    run(body, req, d, report, diags, render);
    report.diagnostics = std::move(diags).finish(body);
    return report;
  }
  // Over the server's limit: its verdict first (a JSON value that ends before the limit is still accepted).
  Diagnostics server;
  for (const Diagnostic& n : setting_notes.items()) server.add(n);
  run(body, req, d, report, server, render);
  if (report.ok) {
    report.diagnostics = std::move(server).finish(body);
    return report;
  }
  for (const Diagnostic& d : server.items())
    if (d.code == code_info(Code::request_too_large).name) diags.add(d);
  const std::string size = std::to_string(body.size());
  if (body.size() > std::max(limit, kAnalysisCap)) {
    diags.add(Code::request_analysis_cap, "", std::max(limit, kAnalysisCap), {size, std::to_string(kAnalysisCap)});
  } else {
    CheckRequest wide = req;
    wide.settings.maximum_payload_size_bytes = static_cast<std::int64_t>(body.size());
    Report analysed;  // only its status and post count are reported: not rendered
    run(body, wide, d, analysed, diags, false);
    diags.add(Code::request_over_limit_analysed, "", 0,
              {size, std::to_string(analysed.status),
               analysed.ok ? std::string("creating ") + std::to_string(analysed.posts.size()) + " post(s)"
                           : (analysed.error ? analysed.error->id : std::string("an error"))});
  }
  report.diagnostics = std::move(diags).finish(body);
  return report;
}

}  // namespace

Report check(std::string_view body, const CheckRequest& given) {
  CheckRequest req = given;
  Dialect d = Dialect::web;
  Report report = check_impl(body, req, d, true);
  if (given.units == PositionUnits::utf16) to_utf16_positions(body, report.diagnostics);
  return report;
}

namespace {
void key(std::string& out, std::string_view k) {
  json::write_string(out, k);
  out.push_back(':');
}
void str_field(std::string& out, std::string_view k, std::string_view v) {
  key(out, k);
  json::write_string(out, v);
  out.push_back(',');
}

// The Report JSON up to and including `"posts":[`.
void write_head(std::string& out, const Report& r) {
  out += "{\"ok\":";
  out += r.ok ? "true" : "false";
  out += ",\"status\":" + std::to_string(r.status) + ",\"error\":";
  if (r.error) {
    out.push_back('{');
    str_field(out, "id", r.error->id);
    str_field(out, "message", r.error->message);
    key(out, "detailed_error");
    json::write_string(out, r.error->detailed_error);
    out.push_back('}');
  } else {
    out += "null";
  }
  out += ",\"diagnostics\":";
  write_diagnostics_json(out, r.diagnostics);
  out += ",\"posts\":[";
}

// One post's JSON object, its html given separately (a stream renders it just before).
void write_post(std::string& out, const Post& p, std::string_view html) {
  out.push_back('{');
  str_field(out, "channel", p.channel);
  str_field(out, "message", p.message);
  str_field(out, "type", p.type);
  key(out, "props");
  json::write_to(out, p.props);
  out += ",\"priority\":";
  if (p.priority) {
    out.push_back('{');
    key(out, "priority");
    json::write_string(out, p.priority->priority);
    if (p.priority->requested_ack) out += std::string(",\"requested_ack\":") + (*p.priority->requested_ack ? "true" : "false");
    if (p.priority->persistent_notifications)
      out += std::string(",\"persistent_notifications\":") + (*p.priority->persistent_notifications ? "true" : "false");
    out.push_back('}');
  } else {
    out += "null";
  }
  out.push_back(',');
  str_field(out, "username", p.username);
  out += std::string("\"botTag\":") + (p.bot_tag ? "true" : "false") + ",\"iconUrl\":";
  if (p.icon_url) json::write_string(out, *p.icon_url); else out += "null";
  out += std::string(",\"webhookLogo\":") + (p.webhook_logo ? "true" : "false");
  out += ",\"iconEmoji\":";
  if (p.icon_emoji) json::write_string(out, *p.icon_emoji); else out += "null";
  out.push_back(',');
  key(out, "html");
  json::write_string(out, html);
  out.push_back('}');
}

}  // namespace

std::string report_to_json(const Report& r) {
  std::string out;
  std::size_t size = 256 + r.diagnostics.size() * 160;
  for (const Post& p : r.posts) size += 512 + p.message.size() + p.html.size() + p.html.size() / 8;
  out.reserve(size);
  write_head(out, r);
  bool first = true;
  for (const Post& p : r.posts) {
    if (!first) out.push_back(',');
    first = false;
    write_post(out, p, p.html);
  }
  out += "]}";
  return out;
}

ReportStream::ReportStream(std::string_view body, CheckRequest req) {
  Dialect d = Dialect::web;
  report_ = check_impl(body, req, d, false);
  if (req.units == PositionUnits::utf16) to_utf16_positions(body, report_.diagnostics);
  settings_ = std::move(req.settings);
  dialect_ = static_cast<int>(d);
}

void ReportStream::head(std::string& out) const {
  write_head(out, report_);
  out += "]}";
}

std::string ReportStream::batch(std::string& json, std::string& html, std::size_t budget) {
  std::string sizes = "[";
  html.clear();
  const std::size_t start = json.size();
  for (bool first = true; next_ < report_.posts.size() && (first || json.size() - start + html.size() < budget);
       first = false) {
    Post& p = report_.posts[next_++];
    const std::size_t before = html.size();
    html += render_post(p, settings_, static_cast<Dialect>(dialect_));
    if (!first) {
      json.push_back(',');
      sizes.push_back(',');
    }
    sizes += std::to_string(html.size() - before);
    write_post(json, p, "");
    p = Post();
  }
  sizes.push_back(']');
  return sizes;
}

void ReportStream::first_posts(std::string& json, std::string& html, std::size_t budget) {
  json.clear();
  json.reserve(512 + report_.diagnostics.size() * 320);
  json.push_back('[');
  write_head(json, report_);
  const std::string sizes = batch(json, html, budget);
  json += "]},";
  json += sizes;
  json.push_back(']');
}

void ReportStream::next_posts(std::string& json, std::string& html, std::size_t budget) {
  json = "[[";
  const std::string sizes = batch(json, html, budget);
  json += "],";
  json += sizes;
  json.push_back(']');
}

}  // namespace mmhook
