#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "decode/request.h"

using namespace mmhook;

namespace {
struct Run {
  DecodeResult r;
  std::vector<Diagnostic> diags;
};
Run decode(std::string_view body, std::optional<std::string> ct = "application/json", std::string_view query = {},
           ServerSettings s = {}) {
  Diagnostics d;
  Run out;
  out.r = decode_request(body, ct, query, s, d);
  out.diags = std::move(d).finish(body);
  return out;
}
const Diagnostic* find(const Run& r, std::string_view code) {
  for (const auto& d : r.diags)
    if (d.code == code) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("bad inputs get the server's status and a located diagnostic") {
  auto empty = decode("");
  CHECK(empty.r.status == 400);
  CHECK(empty.r.go_error == "EOF");
  CHECK(find(empty, "json.empty"));

  auto nested = decode(std::string(100000, '['));
  CHECK(nested.r.status == 400);
  REQUIRE(find(nested, "json.depth"));
  CHECK(find(nested, "json.depth")->offset == 10000);

  auto bad_utf8 = decode("{\"text\":\"a\xFF\"}");
  CHECK(bad_utf8.r.status == 200);
  REQUIRE(find(bad_utf8, "json.invalid_utf8"));
  CHECK(find(bad_utf8, "json.invalid_utf8")->offset == 10);
  CHECK(bad_utf8.r.request->text.value == "a\xEF\xBF\xBD");

  auto nul = decode(std::string("{\"text\":\"a\0\"}", 13));
  CHECK(nul.r.status == 400);
  REQUIRE(find(nul, "json.control_char"));
  CHECK(find(nul, "json.control_char")->offset == 10);

  auto sur = decode("{\"text\":\"\\ud800\"}");
  CHECK(sur.r.status == 200);
  CHECK(find(sur, "json.lone_surrogate"));

  auto big = decode("{\"text\":\"a\",\"props\":{\"x\":1e999}}");
  CHECK(big.r.status == 400);
  CHECK(big.r.go_error.find("cannot unmarshal number 1e999 into Go") != std::string::npos);
  REQUIRE(find(big, "json.number_range"));
  CHECK(find(big, "json.number_range")->path == "/props/x");
  CHECK(decode("{\"text\":\"a\",\"other\":1e999}").r.status == 200);

  auto dup = decode("{\"text\":\"a\",\"text\":\"b\"}");
  CHECK(dup.r.request->text.value == "b");
  CHECK(find(dup, "json.duplicate_key"));

  auto form = decode("{\"text\":\"hi\"}", "application/x-www-form-urlencoded");
  CHECK(form.r.status == 400);
  CHECK(find(form, "request.form_payload_missing"));

  auto mp = decode("x", "multipart/form-data");
  CHECK(mp.r.status == 400);
  CHECK(mp.r.error->id == "web.incoming_webhook.parse_multipart.app_error");
  CHECK(find(mp, "request.multipart_no_boundary"));

  // Found by fuzz_check_multipart: a struct-valued key (`priority`, not `priority.priority`) failed without a
  // diagnostic.
  const std::string group = "--b\r\nContent-Disposition: form-data; name=\"priority\"\r\n\r\nurgent\r\n"
                            "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b--\r\n";
  auto grp = decode(group, "multipart/form-data; boundary=b");
  CHECK(grp.r.status == 400);
  REQUIRE(grp.r.error);
  CHECK(grp.r.error->detailed_error == "schema: converter not found for model.priority");
  CHECK(find(grp, "request.multipart_group"));
}

TEST_CASE("every type error is reported, each located") {
  auto r = decode("{\"text\":1,\"channel\":true,\"attachments\":[{\"id\":\"x\",\"fields\":[{\"short\":null}]}]}");
  CHECK(r.r.status == 400);
  int types = 0;
  for (const auto& d : r.diags) types += d.code == "json.type";
  CHECK(types == 3);
  REQUIRE(find(r, "attachment.short_invalid"));
  CHECK(find(r, "attachment.short_invalid")->path == "/attachments/0/fields/0/short");
  CHECK(r.r.go_error == "unmarshal: unable to convert null to bool");
}

TEST_CASE("form bodies: offsets map back into the original body") {
  auto r = decode("payload=%7B%22text%22%3A1%7D", "application/x-www-form-urlencoded");
  CHECK(r.r.status == 400);
  REQUIRE(find(r, "json.type"));
  CHECK(find(r, "json.type")->offset == 24);  // the '1' after %3A
  auto q = decode("", "application/x-www-form-urlencoded", "?payload=%7B%22text%22%3A%22q%22%7D");
  CHECK(q.r.status == 200);
  CHECK(q.r.request->text.value == "q");
  auto semi = decode("payload={\"text\":\"a;b\"}", "application/x-www-form-urlencoded");
  CHECK(semi.r.status == 400);
  CHECK(semi.r.error->id == "web.incoming_webhook.parse_form.app_error");
}

TEST_CASE("control-character repair works and warns at the character") {
  auto r = decode("{\"text\":\"a\nb\"}");
  CHECK(r.r.status == 200);
  CHECK(r.r.control_char_repaired);
  CHECK(r.r.request->text.value == "a\nb");
  REQUIRE(find(r, "json.control_char_repaired"));
  CHECK(find(r, "json.control_char_repaired")->offset == 10);
  CHECK(find(r, "json.control_char_repaired")->path == "/text");
  CHECK(r.r.request->text.offset == 8);
}

TEST_CASE("decoded values carry the JSON Pointer they were read at") {
  const std::string body = R"({"Text":"a","attachments":[null,{"Color":"x","fields":[{"title":"t","value":1}],"ts":1,)"
                           R"("actions":[{"id":"i","options":[{"text":"a","value":"b"}]}]}],"props":{"k":1},)"
                           R"("priority":{"priority":"urgent","requested_ack":true}})";
  auto r = decode(body);
  REQUIRE(r.r.status == 200);
  const Request& q = *r.r.request;
  CHECK(q.text.pointer == "/Text");
  CHECK(q.username.pointer == "/username");  // absent: where it would be
  CHECK(q.props_pointer == "/props");
  const Attachment& a = q.attachments->at(0);
  CHECK(a.pointer == "/attachments/1");  // the null element before it is dropped, its pointer stays
  CHECK(a.color.pointer == "/attachments/1/Color");
  CHECK(a.ts_pointer == "/attachments/1/ts");
  CHECK(a.fields->at(0).pointer == "/attachments/1/fields/0");
  CHECK(a.fields->at(0).title.pointer == "/attachments/1/fields/0/title");
  CHECK(a.fields->at(0).value_pointer == "/attachments/1/fields/0/value");
  CHECK(a.actions.at(0).pointer == "/attachments/1/actions/0");
  CHECK(a.actions.at(0).id.pointer == "/attachments/1/actions/0/id");
  CHECK(a.actions.at(0).options->at(0)->pointer == "/attachments/1/actions/0/options/0");
  CHECK(q.priority->priority_pointer == "/priority/priority");
  CHECK(q.priority->requested_ack_pointer == "/priority/requested_ack");
  CHECK(q.priority->persistent_notifications_pointer == "/priority");  // not in the body: the object
  CHECK(q.priority->requested_ack_offset == body.find("true}}"));
}

TEST_CASE("size limit: JSON truncated to 400, form 413") {
  std::string body = "{\"text\":\"" + std::string(400000, 'a') + "\"}";
  CHECK(decode(body).r.status == 400);
  CHECK(decode("payload=" + body, "application/x-www-form-urlencoded").r.status == 413);
  std::string fifty(50u << 20, ' ');
  fifty.replace(0, 13, "{\"text\":\"hi\"}");
  CHECK(decode(fifty).r.status == 200);
}

TEST_CASE("Slack keys, unknown keys and key case are reported") {
  auto r = decode("{\"Text\":\"a\",\"blocks\":[],\"mrkdwn\":true,\"usrname\":\"x\"}");
  CHECK(r.r.status == 200);
  CHECK(find(r, "payload.key_case"));
  CHECK(find(r, "payload.slack_only_key"));
  CHECK(find(r, "payload.slack_option"));
  REQUIRE(find(r, "payload.unknown_key"));
  CHECK(find(r, "payload.unknown_key")->message.find("`username`") != std::string::npos);
}

TEST_CASE("multipart fields use Go struct names") {
  std::string body = "--B\r\nContent-Disposition: form-data; name=\"Text\"\r\n\r\nhi\r\n--B\r\n"
                     "Content-Disposition: form-data; name=\"attachments.0.authorname\"\r\n\r\nme\r\n--B--\r\n";
  auto r = decode(body, "multipart/form-data; boundary=B");
  REQUIRE(r.r.status == 200);
  CHECK(r.r.request->text.value == "hi");
  CHECK(r.r.request->attachments->at(0).author_name.value == "me");
  // Located where they would be in a JSON payload.
  CHECK(r.r.request->text.pointer == "/text");
  CHECK(r.r.request->attachments->at(0).author_name.pointer == "/attachments/0/author_name");
  std::string bad = "--B\r\nContent-Disposition: form-data; name=\"icon_url\"\r\n\r\nx\r\n--B--\r\n";
  auto b = decode(bad, "multipart/form-data; boundary=B");
  CHECK(b.r.status == 400);
  CHECK(b.r.go_error == "schema: invalid path \"icon_url\"");
  CHECK(find(b, "request.multipart_unknown_field"));
}

TEST_CASE("disabled webhooks answer 501 after decoding") {
  ServerSettings s;
  s.enable_incoming_webhooks = false;
  CHECK(decode("{\"text\":\"a\"}", "application/json", {}, s).r.status == 501);
  CHECK(decode("{", "application/json", {}, s).r.status == 400);
}

TEST_CASE("decode time for 1 MB and 10 MB bodies" * doctest::skip(true)) {
  for (std::size_t mb : {1, 10}) {
    std::string body = "{\"text\":\"hello\",\"attachments\":[";
    while (body.size() < mb * 1000000) body += "{\"text\":\"some attachment text with \\\"escapes\\\" and é\",\"fields\":[{\"title\":\"t\",\"value\":42,\"short\":true}]},";
    body += "{}]}";
    ServerSettings s;
    s.maximum_payload_size_bytes = 100000000;
    auto t0 = std::chrono::steady_clock::now();
    auto r = decode(body, "application/json", {}, s);
    auto t1 = std::chrono::steady_clock::now();
    std::string text_body = "{\"text\":\"" + std::string(mb * 1000000, 'a') + "\"}";
    auto t2 = std::chrono::steady_clock::now();
    auto r2 = decode(text_body, "application/json", {}, s);
    auto t3 = std::chrono::steady_clock::now();
    MESSAGE(mb << " MB attachments: " << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms (status "
               << r.r.status << "), one text: " << std::chrono::duration<double, std::milli>(t3 - t2).count()
               << " ms (status " << r2.r.status << ")");
  }
}
