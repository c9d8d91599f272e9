# Warnings are errors in our own code only; third-party headers come in as
# SYSTEM includes through their imported targets, so they cannot break the build.
function(schemaforge_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
    -Werror)
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
