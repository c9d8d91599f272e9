# Run at build time (cmake -P) over every *_test.cpp: catch_discover_tests
# turns each test name into a CTest entry, where a ';' would split it and a
# leading '-' would read as a flag, so such names are refused before the test
# binary is linked. Build time, not configure time: editing a test does not
# re-run configure, and the check must see the edit.
file(GLOB_RECURSE sources ${SOURCE_DIR}/unit/*_test.cpp)
set(failed "")
foreach(src IN LISTS sources)
  file(STRINGS ${src} bad_names REGEX "TEST_CASE\\(\"(-|[^\"]*;)")
  foreach(name IN LISTS bad_names)
    string(APPEND failed "${src}: ${name}\n")
  endforeach()
endforeach()
if(failed)
  message(FATAL_ERROR "a test name has ';' or starts with '-', which ctest cannot run; rename it:\n${failed}")
endif()
file(TOUCH ${STAMP})
