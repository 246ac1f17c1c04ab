# Writes docs/api/openapi.yaml into a C++ source as one raw string literal
# (server/CMakeLists.txt runs it whenever the YAML changes).
# -DINPUT=openapi.yaml -DOUTPUT=openapi_document.cpp
file(READ "${INPUT}" yaml)
set(delimiter "FDOPENAPI")
string(FIND "${yaml}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains )${delimiter}\", which would end the embedded string early")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from docs/api/openapi.yaml by server/embed_openapi.cmake; do not edit.\n"
  "namespace frontdoor::server::http {\n"
  "extern const char* const kOpenApiYaml;\n"
  "const char* const kOpenApiYaml = R\"${delimiter}(${yaml})${delimiter}\";\n"
  "} // namespace frontdoor::server::http\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
