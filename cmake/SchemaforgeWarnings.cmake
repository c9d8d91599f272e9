# Our warnings are errors only where we ask for it (scripts/test.sh, and so
# CI): a compiler that warns about something new must never break the build of
# someone who merely uses schemaforge. Third-party headers come in as SYSTEM
# includes through their imported targets, so they raise nothing either way.
option(SCHEMAFORGE_WERROR "Treat schemaforge's own warnings as errors (our CI turns this on)" OFF)
function(schemaforge_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    # GCC 12 and 13 with optimisation report -Wrestrict inside libstdc++ on
    # `"literal" + std::string&&` and short literal assignments (GCC bug
    # 105329): a false positive that only writing around the standard
    # library would avoid.
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,14>>:-Wno-restrict>
    $<$<BOOL:${SCHEMAFORGE_WERROR}>:-Werror>)
endfunction()

# One static library per room; `room` is the folder under generator/.
function(schemaforge_room name)
  cmake_parse_arguments(ROOM "" "" "SOURCES;DEPS" ${ARGN})
  add_library(sf_${name} STATIC ${ROOM_SOURCES})
  add_library(schemaforge::${name} ALIAS sf_${name})
  target_include_directories(sf_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(sf_${name} PUBLIC ${ROOM_DEPS})
  schemaforge_warnings(sf_${name})
endfunction()
