// Admin-editable message templates: /api/v1/config/templates/{name}[/{language}].
#include "domain/knowledge/reply_templates.h"
#include "http/handlers/handler_support.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

json TemplateJson(const d::MessageTemplate& t) {
  return {{"name", t.name}, {"language", t.language}, {"custom", t.custom}, {"parts", t.parts}};
}

// {"parts": {"subject": "…", "body": "…", "type:quality": "…", …}}, every value a string.
core::Result<d::TemplateParts> ParseParts(const Request& req) {
  auto body = BodyObject(req);
  if (!body.ok()) return body.status();
  JsonReader r(*body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"parts"}));
  CL_RETURN_IF_ERROR(r.Required("parts"));
  const json& parts = (*body)["parts"];
  if (!parts.is_object()) return Status::Invalid("parts", "must be an object of texts");
  d::TemplateParts out;
  for (const auto& [part, text] : parts.items()) {
    if (!text.is_string()) return Status::Invalid("parts." + part, "must be a text");
    out[part] = text.get<std::string>();
  }
  return out;
}

}  // namespace

void RegisterTemplateRoutes(Router& router, Api& api) {
  router.Get(R"(/api/v1/config/templates/([a-z_]+))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::ManageMessageTemplates(api.ctx).List(who, req.matches[1]), 200,
                              [](const std::vector<d::MessageTemplate>& all) {
                                json templates = json::array();
                                for (const auto& t : all) templates.push_back(TemplateJson(t));
                                return json{{"templates", templates}};
                              });
             }));
  constexpr const char* kOneLanguage = R"(/api/v1/config/templates/([a-z_]+)/([A-Za-z-]+))";
  router.Put(
      kOneLanguage,
      Authed(api, [&api](const Request& req, const d::Principal& who) -> core::Result<Reply> {
        auto parts = ParseParts(req);
        if (!parts.ok()) return parts.status();
        return ReplyOf(
            d::ManageMessageTemplates(api.ctx).Replace(who, req.matches[1], req.matches[2], *parts),
            200, TemplateJson);
      }));
  router.Delete(kOneLanguage, Authed(api, [&api](const Request& req, const d::Principal& who) {
                  return ReplyOf(
                      d::ManageMessageTemplates(api.ctx).Reset(who, req.matches[1], req.matches[2]),
                      200, TemplateJson);
                }));
}

}  // namespace closeloop::http
