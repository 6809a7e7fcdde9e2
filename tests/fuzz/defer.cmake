# Used as CMAKE_PROJECT_INCLUDE by scripts/fuzz.sh while the root CMakeLists.txt does not add tests/fuzz itself:
# includes tests/fuzz/CMakeLists.txt at the end of the top-level directory, after the core targets exist.
# (CMAKE_PROJECT_INCLUDE runs after every project() call, cmark-gfm's too: the property makes it once.)
get_property(_mmhook_fuzz_deferred GLOBAL PROPERTY MMHOOK_FUZZ_DEFERRED)
if(NOT _mmhook_fuzz_deferred AND PROJECT_NAME STREQUAL "mmhook")
  set_property(GLOBAL PROPERTY MMHOOK_FUZZ_DEFERRED TRUE)
  file(READ "${CMAKE_SOURCE_DIR}/CMakeLists.txt" _mmhook_root_cml)
  if(NOT _mmhook_root_cml MATCHES "tests/fuzz")
    set(MMHOOK_FUZZ_LISTFILE "${CMAKE_CURRENT_LIST_DIR}/CMakeLists.txt")
    cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL include "${MMHOOK_FUZZ_LISTFILE}")
  endif()
endif()
