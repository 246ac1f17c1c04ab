# Install rules and the Debian package (scripts/package). `cpack` runs only when asked
# (the `package` target), never in the default build.
#
#   /usr/bin/frontdoor-server, /usr/bin/frontdoor-kiosk
#   /usr/share/frontdoor/assets/{web,i18n}        (serve finds web/ beside its bin/)
#   /usr/lib/systemd/system/frontdoor-{server,backup}.service, frontdoor-backup.timer
#   /usr/lib/frontdoor/nightly-backup
#   /etc/frontdoor/frontdoor.toml                  (conffile)
#   /etc/nginx/sites-available/frontdoor           (conffile, when deploy/nginx has it)
include(GNUInstallDirs)
# cpack (and `make install`) install what is built without building `all` first: the
# package test runs cpack from a test build, and scripts/package builds before packaging.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS frontdoor-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The kiosk's own install(TARGETS ... OPTIONAL) is in kiosk/CMakeLists.txt: a test build
# that never built the kiosk still packages the server; scripts/package builds everything
# and checks that the kiosk is in the package. (Installed as a target, it is stripped like
# the server: 1.6 MB instead of 28 MB with its debug information.)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/frontdoor/assets)
install(FILES
  ${PROJECT_SOURCE_DIR}/deploy/systemd/frontdoor-server.service
  ${PROJECT_SOURCE_DIR}/deploy/systemd/frontdoor-backup.service
  ${PROJECT_SOURCE_DIR}/deploy/systemd/frontdoor-backup.timer
  DESTINATION lib/systemd/system)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/deploy/frontdoor-nightly-backup
  DESTINATION lib/frontdoor RENAME nightly-backup)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/frontdoor.toml.example
  DESTINATION /etc/frontdoor RENAME frontdoor.toml)
set(FRONTDOOR_CONFFILES "/etc/frontdoor/frontdoor.toml\n")
if(EXISTS ${PROJECT_SOURCE_DIR}/deploy/nginx/frontdoor.conf)
  install(FILES ${PROJECT_SOURCE_DIR}/deploy/nginx/frontdoor.conf
    DESTINATION /etc/nginx/sites-available RENAME frontdoor)
  string(APPEND FRONTDOOR_CONFFILES "/etc/nginx/sites-available/frontdoor\n")
endif()
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The maintainer scripts, and conffiles listing what dpkg must not overwrite on upgrade.
set(FRONTDOOR_DEBIAN_DIR ${CMAKE_CURRENT_BINARY_DIR}/debian)
file(WRITE ${FRONTDOOR_DEBIAN_DIR}/conffiles "${FRONTDOOR_CONFFILES}")
foreach(script postinst prerm postrm)
  configure_file(${PROJECT_SOURCE_DIR}/deploy/debian/${script} ${FRONTDOOR_DEBIAN_DIR}/${script}
    COPYONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME frontdoor)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Front Door maintainers <frontdoor@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Front Door: family hub booking server, staff page and kiosk")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Front Door: family hub booking server, staff page and kiosk
 The booking server (frontdoor-server, a systemd service on loopback, its own user,
 state in /var/lib/frontdoor), the staff web page it serves, the check-in kiosk
 (frontdoor-kiosk), a nightly backup timer that keeps 14 checked copies, and an
 nginx site that puts TLS in front of the server.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx, fonts-noto-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "sqlite3")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${FRONTDOOR_DEBIAN_DIR}/conffiles ${FRONTDOOR_DEBIAN_DIR}/postinst
  ${FRONTDOOR_DEBIAN_DIR}/prerm ${FRONTDOOR_DEBIAN_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
