// GET /api/v1/openapi.json: the API's description, public (it holds no data), for client
// generators and the web application's developers.
#include <string>

#include "http/handlers/handler_support.h"
#include "http/openapi_document.h"

namespace closeloop::http {

void RegisterOpenApiRoutes(Router& router) {
  router.Get("/api/v1/openapi.json", Endpoint([](const Request&, Response& res) {
               res.status = 200;
               res.set_content(std::string(OpenApiDocument()), "application/json; charset=utf-8");
             }));
}

}  // namespace closeloop::http
