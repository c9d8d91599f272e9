# The build step: CMake functions that run `schemaforge generate`.
#
# schemaforge_add_repositories(<target> SPEC <dir-or-file>...
#                              [TEMPLATES <dir>] [ENGINES <engine>...]
#                              [SHARDS <n>] [SCHEMAFORGE <path-or-target>])
#   Creates the static library <target>: the typed repositories generated
#   for the specs, their include folder (`#include "<table>.hpp"`) and the
#   schemaforge runtime (schemaforge::jobs, schemaforge::db) linked. It
#   regenerates when a spec, the project file or a template changes, and only
#   then; headers whose bytes did not change keep their timestamps. The
#   sources are compiled as SHARDS unity files (default 4), so a table added
#   to the specs needs no CMake edit. ENGINES narrows the engines the
#   repositories speak (default: the project file's, else all three).
#
# schemaforge_generate(TARGET <name> SPEC <dir>... OUT <dir>
#                      [TEMPLATES <dir>] [DIALECTS <engines>]
#                      [SCHEMAFORGE <path-or-target>] [WORKING_DIRECTORY <dir>])
#   Adds a target that keeps a whole generated tree (SQL, docs, C++) current
#   in OUT, the way schemaforge keeps its own generated/.
#
# Both find the schemaforge program the same way: SCHEMAFORGE if given, else
# the `schemaforge::schemaforge` target (defined by add_subdirectory/
# FetchContent of schemaforge, or by find_package(schemaforge)), else a
# `schemaforge` on the PATH.

# Sets <out_tool> to the command line's program and <out_dep> to what the
# custom command depends on for it.
function(_schemaforge_tool explicit out_tool out_dep)
  set(tool ${explicit})
  if(NOT tool)
    if(TARGET schemaforge::schemaforge)
      set(tool schemaforge::schemaforge)
    else()
      find_program(SCHEMAFORGE_EXECUTABLE schemaforge)
      if(NOT SCHEMAFORGE_EXECUTABLE)
        message(FATAL_ERROR "schemaforge: no `schemaforge` program found. Use find_package(schemaforge CONFIG REQUIRED), "
                            "add_subdirectory/FetchContent of schemaforge, or pass SCHEMAFORGE <path>.")
      endif()
      set(tool ${SCHEMAFORGE_EXECUTABLE})
    endif()
  endif()
  if(TARGET ${tool})
    set(${out_tool} $<TARGET_FILE:${tool}> PARENT_SCOPE)
  else()
    set(${out_tool} ${tool} PARENT_SCOPE)
  endif()
  set(${out_dep} ${tool} PARENT_SCOPE)
endfunction()

# Sets <out_args> to the `--spec`/`--templates` arguments and <out_inputs> to
# every file whose change must regenerate: the specs, the project file above
# them and the templates. The globs are CONFIGURE_DEPENDS, so a new spec file
# is seen without a manual re-run of cmake.
function(_schemaforge_inputs base templates out_args out_inputs)
  set(args "")
  set(inputs "")
  foreach(spec IN LISTS ARGN)
    list(APPEND args --spec ${spec})
    cmake_path(ABSOLUTE_PATH spec BASE_DIRECTORY ${base} NORMALIZE OUTPUT_VARIABLE spec_abs)
    if(IS_DIRECTORY ${spec_abs})
      file(GLOB_RECURSE found CONFIGURE_DEPENDS ${spec_abs}/*.md ${spec_abs}/*.markdown ${spec_abs}/*.yaml
           ${spec_abs}/*.yml ${spec_abs}/*.sql)
      list(APPEND inputs ${found})
    elseif(EXISTS ${spec_abs})
      list(APPEND inputs ${spec_abs})
    else()
      message(FATAL_ERROR "schemaforge: spec path '${spec}' does not exist (relative to ${base})")
    endif()
    # The project file is found the way schemaforge finds it: here or above.
    set(dir ${spec_abs})
    if(NOT IS_DIRECTORY ${dir})
      cmake_path(GET dir PARENT_PATH dir)
    endif()
    while(TRUE)
      if(EXISTS ${dir}/schemaforge.yaml)
        list(APPEND inputs ${dir}/schemaforge.yaml)
        break()
      endif()
      cmake_path(GET dir PARENT_PATH parent)
      if(EXISTS ${dir}/.git OR parent STREQUAL dir)
        break()
      endif()
      set(dir ${parent})
    endwhile()
  endforeach()
  if(templates)
    list(APPEND args --templates ${templates})
    cmake_path(ABSOLUTE_PATH templates BASE_DIRECTORY ${base} NORMALIZE OUTPUT_VARIABLE templates_abs)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${templates_abs}/*.mustache)
    list(APPEND inputs ${found})
  endif()
  list(REMOVE_DUPLICATES inputs)
  set(${out_args} ${args} PARENT_SCOPE)
  set(${out_inputs} ${inputs} PARENT_SCOPE)
endfunction()

function(schemaforge_add_repositories target)
  cmake_parse_arguments(AR "" "TEMPLATES;SHARDS;SCHEMAFORGE" "SPEC;ENGINES" ${ARGN})
  if(NOT AR_SPEC)
    message(FATAL_ERROR "schemaforge_add_repositories(${target}) needs SPEC <dir-or-file>...")
  endif()
  if(AR_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "schemaforge_add_repositories(${target}): unknown arguments ${AR_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT AR_SHARDS)
    set(AR_SHARDS 4)
  endif()
  if(NOT TARGET schemaforge::jobs)
    message(FATAL_ERROR "schemaforge_add_repositories(${target}): the schemaforge runtime is missing; "
                        "call find_package(schemaforge CONFIG REQUIRED) or add_subdirectory(schemaforge) first")
  endif()
  _schemaforge_tool("${AR_SCHEMAFORGE}" tool tool_dep)
  _schemaforge_inputs(${CMAKE_CURRENT_SOURCE_DIR} "${AR_TEMPLATES}" args inputs ${AR_SPEC})

  set(out ${CMAKE_CURRENT_BINARY_DIR}/${target}.schemaforge)
  set(fresh ${out}.fresh)
  if(AR_ENGINES)
    list(JOIN AR_ENGINES "," engines)
    list(APPEND args --dialect ${engines})
  endif()
  set(units "")
  math(EXPR last "${AR_SHARDS} - 1")
  foreach(i RANGE ${last})
    list(APPEND units ${out}/${target}_repositories_${i}.cpp)
  endforeach()

  add_custom_command(OUTPUT ${units}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${fresh}
    COMMAND ${tool} generate ${args} --out ${fresh}
    COMMAND ${CMAKE_COMMAND} -DFRESH=${fresh} -DOUT=${out} -DUNIT_PREFIX=${out}/${target}_repositories_
            -DSHARDS=${AR_SHARDS} -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SchemaforgeRepositoriesSync.cmake
    DEPENDS ${inputs} ${tool_dep} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/SchemaforgeRepositoriesSync.cmake
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "schemaforge: repositories for ${target} from ${AR_SPEC}"
    VERBATIM)
  add_library(${target} STATIC ${units})
  target_include_directories(${target} PUBLIC ${out}/cpp)
  target_link_libraries(${target} PUBLIC schemaforge::jobs)
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

function(schemaforge_generate)
  cmake_parse_arguments(SG "" "TARGET;OUT;TEMPLATES;DIALECTS;SCHEMAFORGE;WORKING_DIRECTORY" "SPEC" ${ARGN})
  if(NOT SG_TARGET OR NOT SG_SPEC OR NOT SG_OUT)
    message(FATAL_ERROR "schemaforge_generate needs TARGET, SPEC and OUT")
  endif()
  if(NOT SG_WORKING_DIRECTORY)
    set(SG_WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  _schemaforge_tool("${SG_SCHEMAFORGE}" tool tool_dep)
  _schemaforge_inputs(${SG_WORKING_DIRECTORY} "${SG_TEMPLATES}" args inputs ${SG_SPEC})
  list(PREPEND args generate --out ${SG_OUT})
  if(SG_DIALECTS)
    list(APPEND args --dialect ${SG_DIALECTS})
  endif()

  # The output set depends on the specs (one doc page per table), so a stamp
  # file stands for "the tree is current".
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
