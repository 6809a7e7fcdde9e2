// attachments.json, rendering cases only: the field-table layout (getFieldsTable). Other cases are not ours.
#include "render/render.h"
#include "vectors.h"

namespace {

using namespace mmhook;
using namespace mmhook::test;

std::optional<CaseResult> handle(const VectorCase& c) {
  const json::Value* shorts = c.input.find("fields_short");
  if (!shorts || !shorts->is_array() || !c.expected.is_object() || c.expected.object.empty()) return std::nullopt;
  std::vector<bool> s;
  for (const json::Value& v : shorts->array) s.push_back(v.kind == json::Kind::boolean && v.boolean);
  auto got = field_table_layout(s);
  const json::Value& exp = c.expected.object.front().value;
  if (!exp.is_array() || exp.array.size() != got.size()) return fail("table count " + std::to_string(got.size()));
  for (std::size_t t = 0; t < got.size(); ++t) {
    if (exp.array[t].array.size() != got[t].size()) return fail("table " + std::to_string(t) + " size");
    for (std::size_t k = 0; k < got[t].size(); ++k)
      if (static_cast<std::size_t>(exp.array[t].array[k].number) != got[t][k]) return fail("table " + std::to_string(t) + " index");
  }
  return pass();
}

const bool reg = register_vector_handler("attachments.json", handle);

}  // namespace
