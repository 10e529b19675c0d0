// The OpenAPI 3.1 description of the API: docs/openapi.json, compiled into the binary (the
// build copies it into a generated source file), served at GET /api/v1/openapi.json.
#pragma once

#include <string_view>

namespace closeloop::http {

// The document's bytes, exactly as docs/openapi.json holds them.
std::string_view OpenApiDocument();

}  // namespace closeloop::http
