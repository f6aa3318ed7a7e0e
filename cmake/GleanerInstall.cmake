# Installing and packaging gleaner (included at the end of CMakeLists.txt).
#   cmake --install build [--prefix DIR]   binary, man page, bash completion,
#                                          docs and example rules
#   (cd build && cpack -G DEB)             a .deb whose Depends come from
#                                          dpkg-shlibdeps (package dpkg-dev)
# The man page is generated from the built binary's --help (see
# cmake/gleaner-man.sh), so installing needs no prebuilt copy of it.
include(GNUInstallDirs)

# Gumbo 0.10.1 has no run-time version call: `gleaner --version` reports
# the version pkg-config found at configure time.
get_target_property(gleaner_html_type gleaner_html TYPE)
if(NOT gleaner_html_type STREQUAL "INTERFACE_LIBRARY")
  target_compile_definitions(gleaner_html PRIVATE GLEANER_GUMBO_VERSION="${GUMBO_VERSION}")
endif()

if(NOT TARGET gleaner)
  return()
endif()

# gleaner(1), from `gleaner ... --help`, src/cli/exit_codes.h and
# docs/article.schema.json poured into docs/gleaner.1.in.
set(GLEANER_MAN ${PROJECT_BINARY_DIR}/gleaner.1)
add_custom_command(
  OUTPUT ${GLEANER_MAN} ${GLEANER_MAN}.gz
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/gleaner-man.sh $<TARGET_FILE:gleaner> ${PROJECT_SOURCE_DIR} ${GLEANER_MAN}
  DEPENDS gleaner
          ${PROJECT_SOURCE_DIR}/cmake/gleaner-man.sh
          ${PROJECT_SOURCE_DIR}/cmake/help2man.awk
          ${PROJECT_SOURCE_DIR}/cmake/schema2man.awk
          ${PROJECT_SOURCE_DIR}/docs/gleaner.1.in
          ${PROJECT_SOURCE_DIR}/docs/article.schema.json
          ${PROJECT_SOURCE_DIR}/src/cli/exit_codes.h
  COMMENT "Generating gleaner.1 from gleaner --help"
  VERBATIM)
add_custom_target(gleaner_man ALL DEPENDS ${GLEANER_MAN} ${GLEANER_MAN}.gz)
if(TARGET gleaner_e2e_test)
  add_dependencies(gleaner_e2e_test gleaner_man)  # docs_test reads the page
endif()

install(FILES ${GLEANER_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completion/gleaner.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME gleaner)
install(FILES README.md docs/cron.md docs/article.schema.json DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES selectors/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME rules.md)
install(DIRECTORY selectors/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/selectors
        FILES_MATCHING PATTERN "*.toml")

# The .deb. Depends are computed by dpkg-shlibdeps from what the binary
# links, so they name exactly the Debian runtime packages it needs.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gleaner)
set(CPACK_PACKAGE_CONTACT "gleaner developers <gleaner@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "crawler and article extractor for news portals")
set(CPACK_PACKAGE_DESCRIPTION
    "gleaner crawls news portals, turns every page into UTF-8 whatever charset it was served in (GBK, GB18030, Big5, ...), extracts the article (title, publish time, body, source, author, related links), keeps each article once in SQLite and exports JSON.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")  # https fetches verify certificates
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)  # fast to build; the package is small once stripped
set(CPACK_SOURCE_GENERATOR "")
include(CPack)

# The package test: builds the .deb, unpacks it into a scratch root and runs
# gleaner from there; installs with `cmake --install` into a scratch prefix.
# Not under the sanitizers: the package is the release artefact, and the
# plain build already checks it.
if(GLEANER_BUILD_TESTS AND NOT GLEANER_SANITIZE)
  add_test(NAME package COMMAND sh ${PROJECT_SOURCE_DIR}/scripts/package_test.sh ${PROJECT_BINARY_DIR})
  set_tests_properties(package PROPERTIES TIMEOUT 600)
endif()
