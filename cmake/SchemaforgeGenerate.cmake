# schemaforge_generate(TARGET name SPEC dir... OUT dir
#                      [TEMPLATES dir] [DIALECTS postgres,mysql,sqlite]
#                      [SCHEMAFORGE path-or-target] [WORKING_DIRECTORY dir])
#
# Adds a target that runs `schemaforge generate` whenever a spec file or a
# template changes. Inside the schemaforge build the `schemaforge` target is
# used (and built first); another project passes SCHEMAFORGE (an executable
# path) or lets find_program locate an installed one. Generation writes only
# files whose content changed, so dependants rebuild only when they must.
function(schemaforge_generate)
  cmake_parse_arguments(SG "" "TARGET;OUT;TEMPLATES;DIALECTS;SCHEMAFORGE;WORKING_DIRECTORY" "SPEC" ${ARGN})
  if(NOT SG_TARGET OR NOT SG_SPEC OR NOT SG_OUT)
    message(FATAL_ERROR "schemaforge_generate needs TARGET, SPEC and OUT")
  endif()
  if(NOT SG_WORKING_DIRECTORY)
    set(SG_WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  if(NOT SG_SCHEMAFORGE)
    if(TARGET schemaforge)
      set(SG_SCHEMAFORGE schemaforge)
    else()
      find_program(SG_SCHEMAFORGE schemaforge REQUIRED)
    endif()
  endif()
  if(TARGET ${SG_SCHEMAFORGE})
    set(tool $<TARGET_FILE:${SG_SCHEMAFORGE}>)
    set(tool_dep ${SG_SCHEMAFORGE})
  else()
    set(tool ${SG_SCHEMAFORGE})
    set(tool_dep ${SG_SCHEMAFORGE})
  endif()

  set(args generate --out ${SG_OUT})
  set(inputs "")
  foreach(spec IN LISTS SG_SPEC)
    list(APPEND args --spec ${spec})
    cmake_path(ABSOLUTE_PATH spec BASE_DIRECTORY ${SG_WORKING_DIRECTORY} OUTPUT_VARIABLE spec_abs)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${spec_abs}/*.md ${spec_abs}/*.markdown ${spec_abs}/*.yaml
         ${spec_abs}/*.yml ${spec_abs}/*.sql)
    list(APPEND inputs ${found})
  endforeach()
  if(SG_TEMPLATES)
    list(APPEND args --templates ${SG_TEMPLATES})
    cmake_path(ABSOLUTE_PATH SG_TEMPLATES BASE_DIRECTORY ${SG_WORKING_DIRECTORY} OUTPUT_VARIABLE templates_abs)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${templates_abs}/*.mustache)
    list(APPEND inputs ${found})
  endif()
  if(SG_DIALECTS)
    list(APPEND args --dialect ${SG_DIALECTS})
  endif()

  # The output set depends on the specs (one doc page per table), so a stamp
  # file stands for "generated/ is current".
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${SG_TARGET}.stamp)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${tool} ${args}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${inputs} ${tool_dep}
    WORKING_DIRECTORY ${SG_WORKING_DIRECTORY}
    COMMENT "schemaforge: generating ${SG_OUT} from ${SG_SPEC}"
    VERBATIM)
  add_custom_target(${SG_TARGET} ALL DEPENDS ${stamp})
endfunction()
