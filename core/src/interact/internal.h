// Shared between the click simulator and the answer simulator: finding the clicked action (§2.2, §2.3).
#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "mmhook/interact.h"

namespace mmhook::interact {

struct ClickTarget {
  Report report;                     // check() of the webhook body
  const Post* post = nullptr;
  const json::Value* action = nullptr;   // the stored action (first with the id)
  std::size_t attachment_index = 0, action_index = 0;
  std::string path;                  // JSON Pointer of the action in the body
  std::size_t offset = 0;
  int status = 0;                    // 200 when the action can be called; else the click API's status
  std::optional<ErrorBody> error;
};

// Checks the webhook body and finds the action; failures become diagnostics and status/error.
// Fills `t` in place (its pointers point into t.report: never copy a filled ClickTarget).
// With `any_action` and an empty action id, only the post is looked up (the answer applies to the post).
void find_click(std::string_view body, const CheckRequest& req, const ActionClick& click, Diagnostics& diags, ClickTarget& t,
                bool any_action = false);
bool routable_id(std::string_view id);
std::string str_of(const json::Value& obj, std::string_view key);

}  // namespace mmhook::interact
