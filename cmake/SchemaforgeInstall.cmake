# `cmake --install` and the CMake package: the programs, the runtime
# libraries and their headers, the default templates, and
# schemaforgeConfig.cmake so that a consumer writes
#   find_package(schemaforge CONFIG REQUIRED)
#   schemaforge_add_repositories(app_db SPEC spec)
# Everything goes under the install prefix and nowhere else, so any prefix
# works (CPack's .deb uses /usr).
include(CMakePackageConfigHelpers)
set(SCHEMAFORGE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/schemaforge)

set(installed_programs schemaforge)
if(TARGET schemaforge-worker)
  list(APPEND installed_programs schemaforge-worker)
endif()
install(TARGETS sf_db sf_jobs ${installed_programs} EXPORT schemaforgeTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/schemaforge)
# Headers keep their paths (#include "runtime/db/connection.hpp"), as the
# generated repositories write them.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/db ${PROJECT_SOURCE_DIR}/runtime/jobs
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/schemaforge/runtime
        FILES_MATCHING PATTERN "*.hpp")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${SCHEMAFORGE_INSTALL_TEMPLATESDIR})

install(EXPORT schemaforgeTargets NAMESPACE schemaforge:: DESTINATION ${SCHEMAFORGE_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/schemaforgeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/schemaforgeConfig.cmake
  INSTALL_DESTINATION ${SCHEMAFORGE_INSTALL_CMAKEDIR}
  PATH_VARS SCHEMAFORGE_INSTALL_TEMPLATESDIR)
# 0.x: a minor version may break the generated code's API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/schemaforgeConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/schemaforgeConfig.cmake ${PROJECT_BINARY_DIR}/schemaforgeConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/SchemaforgeGenerate.cmake
              ${PROJECT_SOURCE_DIR}/cmake/SchemaforgeRepositoriesSync.cmake
              ${PROJECT_SOURCE_DIR}/cmake/SchemaforgeRuntimeDependencies.cmake
        DESTINATION ${SCHEMAFORGE_INSTALL_CMAKEDIR})

# A Debian package of the same tree: cpack -G DEB in the build folder.
set(CPACK_PACKAGE_NAME schemaforge)
set(CPACK_PACKAGE_VENDOR "schemaforge")
set(CPACK_PACKAGE_CONTACT "schemaforge maintainers <schemaforge@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Table specs to DDL, migrations, drift checks, C++ repositories and a job runtime")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The programs' shared libraries come from dpkg-shlibdeps; the headers and
# static libraries need the drivers' development packages to be linked.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpqxx-dev, libmysqlcppconn-dev, libsqlite3-dev, nlohmann-json3-dev, pkg-config, cmake (>= 3.25)")
include(CPack)
