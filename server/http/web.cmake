# server_web: the staff page's side of the server — cookie sessions with CSRF, the
# booking event stream (SSE), and the page's files with their security headers.
# server_core (or frontdoor-server) links it and calls web::register_web_routes.
add_library(server_web STATIC
  ${CMAKE_CURRENT_LIST_DIR}/web_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/static_files.cpp
  ${CMAKE_CURRENT_LIST_DIR}/web_routes.cpp
)
target_include_directories(server_web PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(server_web PUBLIC frontdoor::shared PkgConfig::HTTPLIB PkgConfig::SODIUM Threads::Threads)
frontdoor_target_defaults(server_web)
