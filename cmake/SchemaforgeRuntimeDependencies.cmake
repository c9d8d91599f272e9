# The third-party libraries that runtime/db and runtime/jobs link, found the
# same way by our own build and by schemaforgeConfig.cmake for an installed
# package, so the exported targets name the same imported targets in both.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# mysql-connector-c++ 1.1 ships neither a CMake package nor a .pc file.
if(NOT TARGET schemaforge::mysqlcppconn)
  find_library(SCHEMAFORGE_MYSQLCPPCONN_LIBRARY mysqlcppconn)
  if(NOT SCHEMAFORGE_MYSQLCPPCONN_LIBRARY)
    message(FATAL_ERROR "schemaforge needs mysql-connector-c++ 1.1 (Debian: libmysqlcppconn-dev)")
  endif()
  add_library(schemaforge::mysqlcppconn UNKNOWN IMPORTED)
  set_target_properties(schemaforge::mysqlcppconn PROPERTIES IMPORTED_LOCATION ${SCHEMAFORGE_MYSQLCPPCONN_LIBRARY})
endif()
