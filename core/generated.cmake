# Build-time generated sources of the core (included from core/CMakeLists.txt, or via CMAKE_PROJECT_INCLUDE).
# emoji_table.inc: the system emoji table generated from the pinned npm package emoji-datasource.
include_guard(GLOBAL)
find_program(MMHOOK_NODE NAMES node nodejs REQUIRED)
set(MMHOOK_EMOJI_JSON "${CMAKE_SOURCE_DIR}/node_modules/emoji-datasource/emoji.json")
set(MMHOOK_EMOJI_INC "${CMAKE_BINARY_DIR}/generated/emoji_table.inc")
if(NOT EXISTS "${MMHOOK_EMOJI_JSON}")
  message(FATAL_ERROR "emoji-datasource not found in node_modules: run scripts/setup.sh (npm ci)")
endif()
function(_mmhook_attach_generated)
  add_custom_command(
    OUTPUT "${MMHOOK_EMOJI_INC}"
    COMMAND "${MMHOOK_NODE}" "${CMAKE_SOURCE_DIR}/scripts/gen-emoji.mjs" "${MMHOOK_EMOJI_JSON}" "${MMHOOK_EMOJI_INC}"
    DEPENDS "${CMAKE_SOURCE_DIR}/scripts/gen-emoji.mjs" "${MMHOOK_EMOJI_JSON}"
    COMMENT "Generating emoji_table.inc"
    VERBATIM)
  add_custom_target(mmhook_generated DEPENDS "${MMHOOK_EMOJI_INC}")
  add_dependencies(mmhook_core mmhook_generated)
  target_compile_definitions(mmhook_core PRIVATE MMHOOK_HAVE_EMOJI_TABLE=1)
endfunction()

if(TARGET mmhook_core)
  _mmhook_attach_generated()
else()
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _mmhook_attach_generated)
endif()
