// The OpenAPI document (issue 14): served as docs/openapi.json holds it, every route the router
// serves is documented and every documented route is served, each GET documents exactly the
// query parameters the server accepts, and every reference inside the document resolves.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "api/api_fixture.h"
#include "http/api_routes.h"
#include "http/query_params.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

json DocumentOnDisk() {
  std::ifstream in(CLOSELOOP_OPENAPI_FILE);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// "/api/v1/complaints/([^/]+)/notes" → "/api/v1/complaints/{}/notes": each top-level group of
// the route's pattern is one path parameter.
std::string TemplateOfPattern(const std::string& pattern) {
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && depth > 0) {
      ++i;  // an escaped character inside a group
      continue;
    }
    if (c == '(') {
      if (depth++ == 0) out += "{}";
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

// "/api/v1/complaints/{key}/notes" → "/api/v1/complaints/{}/notes".
std::string TemplateOfDocumentedPath(const std::string& path) {
  std::string out;
  bool in_name = false;
  for (const char c : path) {
    if (c == '{') {
      in_name = true;
      out += "{}";
    } else if (c == '}') {
      in_name = false;
    } else if (!in_name) {
      out += c;
    }
  }
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApi, EveryServedRouteIsDocumentedAndEveryDocumentedRouteIsServed) {
  TestWorld world;
  http::ApiRoutes routes(world.ctx(), http::ServerOptions{});
  std::set<std::string> served;
  for (const auto& route : routes.router().routes()) {
    served.insert(route.method + " " + TemplateOfPattern(route.pattern));
  }
  std::set<std::string> documented;
  const json doc = DocumentOnDisk();
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert(Upper(method) + " " + TemplateOfDocumentedPath(path));
    }
  }
  for (const auto& route : served)
    EXPECT_TRUE(documented.count(route)) << "not documented: " << route;
  for (const auto& route : documented) EXPECT_TRUE(served.count(route)) << "not served: " << route;
  EXPECT_GT(served.size(), 80u);
}

TEST(OpenApi, EachGetDocumentsTheQueryParametersTheServerAccepts) {
  const json doc = DocumentOnDisk();
  int checked = 0;
  for (const auto& [path, operations] : doc["paths"].items()) {
    if (!operations.contains("get") || path.rfind("/api/v1/", 0) != 0) continue;
    std::set<std::string> documented;
    for (const auto& p : operations["get"].value("parameters", json::array())) {
      if (p["in"] == "query") documented.insert(p["name"].get<std::string>());
    }
    std::string concrete = path;  // the server's table matches concrete paths
    for (size_t open; (open = concrete.find('{')) != std::string::npos;) {
      concrete.replace(open, concrete.find('}', open) - open + 1, "1");
    }
    const auto known = http::KnownQueryParams(concrete);
    ASSERT_TRUE(known.has_value()) << path;
    std::set<std::string> accepted;
    std::stringstream names(*known);
    for (std::string name; std::getline(names, name, ',');) {
      if (!name.empty()) accepted.insert(name);
    }
    EXPECT_EQ(documented, accepted) << path;
    ++checked;
  }
  EXPECT_GT(checked, 30);
}

// Follows every "$ref" to its target.
void ExpectReferencesResolve(const json& doc, const json& node, const std::string& where) {
  if (node.is_object()) {
    if (node.contains("$ref")) {
      const std::string ref = node["$ref"];
      ASSERT_EQ(ref.rfind("#/", 0), 0u) << where;
      EXPECT_TRUE(doc.contains(json::json_pointer(ref.substr(1))))
          << "unresolved " << ref << " at " << where;
    }
    for (const auto& [key, value] : node.items())
      ExpectReferencesResolve(doc, value, where + "/" + key);
  } else if (node.is_array()) {
    for (const auto& value : node) ExpectReferencesResolve(doc, value, where + "[]");
  }
}

TEST(OpenApi, TheDocumentIsOpenApi31AndItsReferencesResolve) {
  const json doc = DocumentOnDisk();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  ExpectReferencesResolve(doc, doc, "");
  for (const char* resource : {"Complaint", "NewComplaint", "Customer", "Note", "Task", "Error"}) {
    EXPECT_TRUE(doc["components"]["schemas"].contains(resource)) << resource;
  }
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      EXPECT_FALSE(operation["responses"].empty()) << method << " " << path;
      std::set<std::string> declared;
      for (const auto& p : operation.value("parameters", json::array())) {
        if (p["in"] == "path") declared.insert(p["name"].get<std::string>());
      }
      for (size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
        EXPECT_TRUE(declared.count(name)) << method << " " << path << " lacks " << name;
      }
    }
  }
}

class OpenApiServed : public ApiFixture {};

TEST_F(OpenApiServed, IsPublicAndEqualToTheDocumentInDocs) {
  auto served = Call("GET", "/api/v1/openapi.json", "");
  ASSERT_EQ(served.status, 200) << served.raw;
  EXPECT_EQ(served.body, DocumentOnDisk());
  EXPECT_NE(served.headers.find("Content-Type")->second.find("application/json"),
            std::string::npos);
}

}  // namespace
}  // namespace closeloop::testing
