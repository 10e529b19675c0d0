// Bulk import upload (/api/v1/imports/{kind}) and traceability reads (/api/v1/batches,
// /api/v1/orders).
#include <sstream>

#include "domain/complaint/traceability.h"
#include "domain/customer/entities.h"
#include "domain/intake/bulk_import.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/customers_json.h"
#include "http/handlers/handler_support.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

constexpr size_t kMaxRejectsInReply = 1000;

struct ReplyObserver final : d::ImportObserver {
  json rejects = json::array();
  void OnReject(const d::ImportReject& r) override {
    if (rejects.size() < kMaxRejectsInReply) {
      rejects.push_back({{"row", r.row}, {"field", r.field}, {"reason", r.reason}});
    }
  }
  void OnProgress(const d::ImportSummary&, std::int64_t, std::int64_t) override {}
};

// csv, tsv or jsonl: the `format` parameter, else the Content-Type.
std::string FormatOf(const Request& req) {
  if (req.has_param("format")) return req.get_param_value("format");
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("text/csv", 0) == 0) return "csv";
  if (type.rfind("text/tab-separated-values", 0) == 0) return "tsv";
  if (type.rfind("application/x-ndjson", 0) == 0 || type.rfind("application/jsonl", 0) == 0) {
    return "jsonl";
  }
  return "";
}

core::Result<Reply> Import(const d::Context& ctx, const Request& req, const d::Principal& who) {
  auto kind = d::ParseImportKind(req.matches[1]);
  if (!kind) return Status::NotFound("no import kind " + req.matches[1]);
  d::UploadFormat format;
  format.format = FormatOf(req);
  if (format.format.empty()) {
    return Status::Invalid("format",
                           "send Content-Type text/csv, text/tab-separated-values or "
                           "application/x-ndjson, or ?format=csv|tsv|jsonl");
  }
  if (req.has_param("encoding")) format.encoding = req.get_param_value("encoding");
  format.header_map = req.get_param_value("map");
  std::istringstream in(req.body);
  ReplyObserver observer;
  auto summary = d::BulkImport(ctx).RunUpload(
      who, *kind, in, static_cast<std::int64_t>(req.body.size()), format, observer);
  if (!summary.ok()) return summary.status();
  return Reply{200,
               {{"kind", d::ToString(*kind)},
                {"rows", summary->rows},
                {"imported", summary->imported},
                {"skipped", summary->skipped},
                {"rejected", summary->rejected},
                {"rejects", std::move(observer.rejects)}}};
}

json BatchJson(const d::BatchReport& r) {
  json complaints = json::array();
  for (const auto& c : r.complaints) complaints.push_back(ComplaintSummaryJson(c));
  return {{"batch_no", r.batch.batch_no},
          {"production_date", r.batch.production_date},
          {"plant", r.batch.plant},
          {"product",
           {{"id", r.product.id},
            {"sku", r.product.sku},
            {"name", r.product.name},
            {"product_line", r.product.product_line},
            {"lifecycle_stage", r.product.lifecycle_stage},
            {"launch_date", r.product.launch_date}}},
          {"complaint_count", r.complaints.size()},
          {"stores_affected", r.stores_affected},
          {"complaints", std::move(complaints)}};
}

}  // namespace

void RegisterTraceRoutes(Router& router, Api& api) {
  router.Post(R"(/api/v1/imports/([a-z]+))",
              AuthedUpload(api, [&api](const Request& req, const d::Principal& who) {
                return Import(api.ctx, req, who);
              }));
  router.Get(R"(/api/v1/batches/([^/]{1,64}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::GetTraceability(api.ctx).Batch(who, req.matches[1]), 200,
                              BatchJson);
             }));
  router.Get(R"(/api/v1/orders/([^/]{1,64}))",
             Authed(api, [&api](const Request& req, const d::Principal& who) {
               return ReplyOf(d::GetTraceability(api.ctx).OrderByNo(who, req.matches[1]), 200,
                              [](const d::Order& o) { return ToJson(o); });
             }));
}

}  // namespace closeloop::http
