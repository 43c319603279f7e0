# Desktop integration and a Debian package (cpack -G DEB in the build folder).
configure_file(${CMAKE_CURRENT_LIST_DIR}/io.github.switchboard.Switchboard.desktop.in
               ${CMAKE_BINARY_DIR}/io.github.switchboard.Switchboard.desktop @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/io.github.switchboard.Switchboard.metainfo.xml.in
               ${CMAKE_BINARY_DIR}/io.github.switchboard.Switchboard.metainfo.xml @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/io.github.switchboard.Switchboard.desktop DESTINATION share/applications)
install(FILES ${CMAKE_BINARY_DIR}/io.github.switchboard.Switchboard.metainfo.xml DESTINATION share/metainfo)

set(CPACK_PACKAGE_NAME "switchboard")
set(CPACK_PACKAGE_VENDOR "Switchboard")
set(CPACK_PACKAGE_CONTACT "Switchboard maintainers <maintainers@switchboard.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The SQLite driver is a plugin that shlibdeps cannot see; the keychain backend is loaded at run time too.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6keychain1, libsecret-1-0, qt6-qpa-plugins")
include(CPack)
