#include "http/handlers/complaints_json.h"

#include <cmath>

#include "core/time_format.h"
#include "domain/analysis/entities.h"
#include "domain/model/ids.h"
#include "http/handlers/config_json.h"
#include "http/handlers/customers_json.h"
#include "http/handlers/json_fields.h"
#include "http/handlers/org_json.h"
#include "http/json_reader.h"

namespace closeloop::http {

using core::Status;
using json = nlohmann::ordered_json;
namespace d = domain;

json ComplaintSummaryJson(const d::Complaint& c) {
  return {
      {"id", c.id},
      {"reference", c.reference},
      {"status", d::ToString(c.status)},
      {"channel", d::ToString(c.channel)},
      {"external_id", Text(c.external_id)},
      {"customer_id", Opt(c.customer_id)},
      {"title", c.title},
      {"description", c.description},
      {"type", OptEnum(c.type)},
      {"category", Text(c.category)},
      {"severity", d::ToString(c.severity)},
      {"safety_flag", c.safety_flag},
      {"remedy", OptEnum(c.remedy)},
      {"remedy_detail", Text(c.remedy_detail)},
      {"amount_claimed", Money(c.amount_claimed_cents)},
      {"order_amount", Money(c.order_amount_cents)},
      {"region_id", Opt(c.region_id)},
      {"city_id", Opt(c.city_id)},
      {"store_id", Opt(c.store_id)},
      {"product_id", Opt(c.product_id)},
      {"order_ref", Text(c.order_ref)},
      {"order_id", Opt(c.order_id)},
      {"order_item_id", Opt(c.order_item_id)},
      {"batch_id", Opt(c.batch_id)},
      {"priority", d::ToString(c.priority)},
      {"team_id", Opt(c.team_id)},
      {"assignee_id", Opt(c.assignee_id)},
      {"escalated", c.escalation_level > 0},
      {"escalation_level", c.escalation_level},
      {"reopen_count", c.reopen_count},
      {"rejection_reason", Text(c.rejection_reason)},
      {"created_by", Opt(c.created_by)},
      {"received_at", core::FormatIso8601(c.received_at)},
      {"occurred_at", OptTime(c.occurred_at)},
      {"acknowledged_at", OptTime(c.acknowledged_at)},
      {"first_response_at", OptTime(c.first_response_at)},
      {"resolved_at", OptTime(c.resolved_at)},
      {"closed_at", OptTime(c.closed_at)},
      {"updated_at", core::FormatIso8601(c.updated_at)},
      {"sla_state", Text(c.sla_state)},
      {"sla_due_at", OptTime(c.sla_due_at)},
  };
}

json ToJson(const d::ComplaintView& view) {
  json out = ComplaintSummaryJson(view.complaint);
  out["customer"] = view.customer ? ToJson(*view.customer) : json(nullptr);
  json allowed = json::array();
  for (d::ComplaintStatus s : view.allowed_transitions) allowed.push_back(d::ToString(s));
  out["allowed_transitions"] = std::move(allowed);
  out["missing_information"] = view.missing_information;
  out["batch_no"] = Text(view.batch_no);
  json attachments = json::array();
  for (const d::Attachment& a : view.attachments) {
    attachments.push_back({{"id", a.id},
                           {"filename", a.filename},
                           {"content_type", a.content_type},
                           {"size_bytes", a.size_bytes},
                           {"stored", a.stored}});
  }
  out["attachments"] = std::move(attachments);
  if (view.analysis) {
    const d::TextAnalysis& a = *view.analysis;
    out["analysis"] = {{"sentiment", std::round(a.sentiment * 1000) / 1000},
                       {"agitation", a.agitation},
                       {"suggested_type", OptEnum(a.suggested_type)},
                       {"type_confidence", std::round(a.type_confidence * 1000) / 1000},
                       {"suggested_category", Text(a.suggested_category)},
                       {"category_confidence", std::round(a.category_confidence * 1000) / 1000},
                       {"flags", a.flags},
                       {"rules_fired", a.rules_fired},
                       {"duplicate_of", Opt(a.duplicate_of)},
                       {"analyzed_at", core::FormatIso8601(a.analyzed_at)}};
  } else {
    out["analysis"] = nullptr;  // the pipeline has not reached it yet (well under a second)
  }
  out["resolution"] = view.resolution ? ToJson(*view.resolution) : json(nullptr);
  return out;
}

json ToJson(const d::Resolution& r) {
  return {{"remedy", d::ToString(r.remedy)},
          {"compensation", Money(r.compensation_cents)},
          {"summary", r.summary},
          {"resolved_by", Opt(r.resolved_by)},
          {"resolved_at", core::FormatIso8601(r.resolved_at)}};
}

json ToJson(const d::ComplaintEvent& e) {
  json changes = json::array();
  for (const d::FieldChange& ch : e.changes) {
    changes.push_back({{"field", ch.field}, {"old", ch.old_value}, {"new", ch.new_value}});
  }
  return {
      {"id", e.id},
      {"kind", d::ToString(e.kind)},
      {"actor", e.actor_id ? json{{"id", *e.actor_id}, {"username", e.actor_name}} : json(nullptr)},
      {"from", OptEnum(e.from_status)},
      {"to", OptEnum(e.to_status)},
      {"note", Text(e.note)},
      {"changes", std::move(changes)},
      {"at", core::FormatIso8601(e.at)}};
}

json ToJson(const d::Note& n) {
  return {{"id", n.id},
          {"complaint_id", n.complaint_id},
          {"author",
           n.author_id ? json{{"id", *n.author_id}, {"username", n.author_name}} : json(nullptr)},
          {"visibility", d::ToString(n.visibility)},
          {"body", n.body},
          {"created_at", core::FormatIso8601(n.created_at)}};
}

core::Result<d::NewComplaint> ParseNewComplaint(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"channel",      "title",     "description", "external_id", "customer",      "type",
       "category",     "severity",  "safety_flag", "remedy",      "remedy_detail", "amount_claimed",
       "order_amount", "region_id", "city_id",     "store_id",    "product_id",    "team_id",
       "assignee_id",  "order_ref", "priority",    "received_at", "occurred_at",   "batch_no"}));
  CL_RETURN_IF_ERROR(r.Required("description"));
  CL_RETURN_IF_ERROR(r.Required("channel"));
  d::NewComplaint in;
  std::optional<d::Channel> channel;
  CL_RETURN_IF_ERROR(r.Enum("channel", channel, d::ParseChannel));
  in.channel = *channel;
  CL_RETURN_IF_ERROR(r.String("description", in.description));
  CL_RETURN_IF_ERROR(r.String("title", in.title));
  CL_RETURN_IF_ERROR(r.String("external_id", in.external_id));
  if (r.Has("customer")) {
    auto customer = ParseCustomerInput(body.at("customer"), "customer.");
    if (!customer.ok()) return customer.status();
    in.customer = std::move(customer.value());
  }
  CL_RETURN_IF_ERROR(r.Enum("type", in.type, d::ParseComplaintType));
  CL_RETURN_IF_ERROR(r.String("category", in.category));
  CL_RETURN_IF_ERROR(r.Enum("severity", in.severity, d::ParseSeverity));
  CL_RETURN_IF_ERROR(r.Bool("safety_flag", in.safety_flag));
  CL_RETURN_IF_ERROR(r.Enum("remedy", in.remedy, d::ParseRemedy));
  CL_RETURN_IF_ERROR(r.String("remedy_detail", in.remedy_detail));
  CL_RETURN_IF_ERROR(r.Money("amount_claimed", in.amount_claimed_cents));
  CL_RETURN_IF_ERROR(r.Money("order_amount", in.order_amount_cents));
  CL_RETURN_IF_ERROR(r.Id("region_id", in.region_id));
  CL_RETURN_IF_ERROR(r.Id("city_id", in.city_id));
  CL_RETURN_IF_ERROR(r.Id("store_id", in.store_id));
  CL_RETURN_IF_ERROR(r.Id("product_id", in.product_id));
  CL_RETURN_IF_ERROR(r.Id("team_id", in.team_id));
  CL_RETURN_IF_ERROR(r.Id("assignee_id", in.assignee_id));
  CL_RETURN_IF_ERROR(r.String("order_ref", in.order_ref));
  CL_RETURN_IF_ERROR(r.String("batch_no", in.batch_no));
  CL_RETURN_IF_ERROR(r.Enum("priority", in.priority, d::ParsePriority));
  CL_RETURN_IF_ERROR(r.Time("received_at", in.received_at));
  CL_RETURN_IF_ERROR(r.Time("occurred_at", in.occurred_at));
  return in;
}

core::Result<d::ComplaintPatch> ParseComplaintPatch(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown(
      {"title", "description", "type", "category", "severity", "safety_flag", "remedy",
       "remedy_detail", "amount_claimed", "order_amount", "region_id", "city_id", "store_id",
       "product_id", "order_ref", "priority", "customer_id", "occurred_at", "batch_no"}));
  d::ComplaintPatch p;
  CL_RETURN_IF_ERROR(r.String("batch_no", p.batch_no));
  CL_RETURN_IF_ERROR(r.String("title", p.title));
  CL_RETURN_IF_ERROR(r.String("description", p.description));
  CL_RETURN_IF_ERROR(r.Enum("type", p.type, d::ParseComplaintType));
  CL_RETURN_IF_ERROR(r.String("category", p.category));
  CL_RETURN_IF_ERROR(r.Enum("severity", p.severity, d::ParseSeverity));
  CL_RETURN_IF_ERROR(r.Bool("safety_flag", p.safety_flag));
  CL_RETURN_IF_ERROR(r.Enum("remedy", p.remedy, d::ParseRemedy));
  CL_RETURN_IF_ERROR(r.String("remedy_detail", p.remedy_detail));
  CL_RETURN_IF_ERROR(r.Money("amount_claimed", p.amount_claimed_cents));
  CL_RETURN_IF_ERROR(r.Money("order_amount", p.order_amount_cents));
  CL_RETURN_IF_ERROR(r.Id("region_id", p.region_id));
  CL_RETURN_IF_ERROR(r.Id("city_id", p.city_id));
  CL_RETURN_IF_ERROR(r.Id("store_id", p.store_id));
  CL_RETURN_IF_ERROR(r.Id("product_id", p.product_id));
  CL_RETURN_IF_ERROR(r.String("order_ref", p.order_ref));
  CL_RETURN_IF_ERROR(r.Enum("priority", p.priority, d::ParsePriority));
  CL_RETURN_IF_ERROR(r.Id("customer_id", p.customer_id));
  CL_RETURN_IF_ERROR(r.Time("occurred_at", p.occurred_at));
  return p;
}

core::Result<d::TransitionRequest> ParseTransition(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"to", "note", "assignee_id", "resolution", "override_tasks"}));
  CL_RETURN_IF_ERROR(r.Required("to"));
  d::TransitionRequest t;
  std::optional<d::ComplaintStatus> to;
  CL_RETURN_IF_ERROR(r.Enum("to", to, d::ParseComplaintStatus));
  t.to = *to;
  CL_RETURN_IF_ERROR(r.String("note", t.note));
  CL_RETURN_IF_ERROR(r.Id("assignee_id", t.assignee_id));
  CL_RETURN_IF_ERROR(r.Bool("override_tasks", t.override_tasks));
  if (r.Has("resolution")) {
    const json& value = body.at("resolution");
    if (!value.is_object()) return Status::Invalid("resolution", "resolution must be an object");
    JsonReader rr(value, "resolution.");
    CL_RETURN_IF_ERROR(rr.OnlyKnown({"remedy", "compensation", "summary"}));
    CL_RETURN_IF_ERROR(rr.Required("remedy"));
    d::ResolutionInput in;
    std::optional<d::Remedy> remedy;
    CL_RETURN_IF_ERROR(rr.Enum("remedy", remedy, d::ParseRemedy));
    in.remedy = *remedy;
    std::optional<std::int64_t> compensation;
    CL_RETURN_IF_ERROR(rr.Money("compensation", compensation));
    in.compensation_cents = compensation.value_or(0);
    CL_RETURN_IF_ERROR(rr.String("summary", in.summary));
    t.resolution = std::move(in);
  }
  return t;
}

core::Result<d::AssignRequest> ParseAssign(const json& body) {
  JsonReader r(body);
  CL_RETURN_IF_ERROR(r.OnlyKnown({"assignee_id", "team_id", "reason"}));
  d::AssignRequest a;
  CL_RETURN_IF_ERROR(r.Id("assignee_id", a.assignee_id));
  CL_RETURN_IF_ERROR(r.Id("team_id", a.team_id));
  CL_RETURN_IF_ERROR(r.String("reason", a.reason));
  return a;
}

}  // namespace closeloop::http
