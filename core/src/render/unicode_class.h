// CommonMark's Unicode punctuation and whitespace classes (cmark-gfm's utf8proc_is_punctuation / _is_space).
#pragma once

namespace mmhook::detail {

bool is_unicode_punctuation(char32_t c) noexcept;
bool is_unicode_space(char32_t c) noexcept;

}  // namespace mmhook::detail
