#include "domain/complaint/complaint_support.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/text.h"
#include "domain/analysis/repository.h"
#include "domain/complaint/completeness.h"
#include "domain/customer/repository.h"
#include "domain/intake/repository.h"
#include "domain/model/privacy.h"
#include "domain/org/repository.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"

namespace closeloop::domain {

using core::Status;

Principal SystemPrincipal() { return {0, "system", Role::kAdmin, {}, {}}; }

std::string FormatReference(const std::string& day, std::int64_t sequence) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "CL-%s-%06lld", day.c_str(), static_cast<long long>(sequence));
  return buf;
}

core::Result<Complaint> LoadVisibleComplaint(Repositories& repos, const Context& ctx,
                                             const Principal& who, const std::string& key) {
  if (!ctx.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  std::optional<Complaint> found;
  bool numeric =
      !key.empty() && key.size() <= 18 && key.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) {
    found = repos.complaints().FindById(std::stoll(key));
  } else {
    found = repos.complaints().FindByReference(core::AsciiUpper(key));  // cl-… is CL-…
  }
  if (!found || !ComplaintVisible(repos, ctx, who, *found)) {
    return Status::NotFound("no complaint " + key);
  }
  return std::move(*found);
}

bool ComplaintVisible(Repositories& repos, const Context& ctx, const Principal& who,
                      const Complaint& complaint) {
  if (ctx.policy.InScope(who, complaint)) return true;
  if (who.team_scope.empty()) return false;
  std::vector<Id> task_teams;
  for (const DepartmentTask& task : repos.tasks().ForComplaint(complaint.id)) {
    task_teams.push_back(task.team_id);
  }
  return ctx.policy.HasTeamAmong(who, task_teams);
}

bool CustomerVisible(Repositories& repos, const Principal& who, Id customer_id) {
  return who.Unscoped() || repos.customers().InScope(customer_id, who);
}

std::optional<Customer> RecordForCaller(Repositories& repos, const Principal& who,
                                        const Customer& found) {
  if (CustomerVisible(repos, who, found.id)) return found;
  for (Id record : repos.customers().RecordsOfPerson(found.PersonId())) {
    if (record != found.id && CustomerVisible(repos, who, record))
      return repos.customers().FindById(record);
  }
  return std::nullopt;
}

void PlaceInCallerScope(const Principal& who, Customer& record) {
  if (!who.region_scope.empty()) {
    record.home_region_id = who.region_scope.front();
  } else if (!who.team_scope.empty()) {
    record.home_team_id = who.team_scope.front();
  }
}

Customer NewRegionalRecord(const Principal& who, Id person) {
  Customer record;
  record.person_id = person;
  PlaceInCallerScope(who, record);
  return record;
}

Customer MaskedFor(const Context& ctx, const Principal& who, Customer customer) {
  if (ctx.policy.Allows(who, Permission::kPersonalDataRead)) return customer;
  customer.name = MaskName(customer.name);
  customer.phone = MaskPhone(customer.phone);
  customer.email = MaskEmail(customer.email);
  customer.address = MaskAddress(customer.address);
  customer.id_card = MaskIdCard(customer.id_card);
  for (PlatformAccount& account : customer.accounts)
    account.account_id = MaskName(account.account_id);
  return customer;
}

std::string ReadableText(const Context& ctx, const Principal& who, std::string text) {
  if (!ctx.text_masker || text.empty() || ctx.policy.Allows(who, Permission::kPersonalDataRead)) {
    return text;
  }
  return ctx.text_masker->Mask(text);
}

void MaskFreeText(const Context& ctx, const Principal& who, Complaint& c) {
  if (!ctx.text_masker || ctx.policy.Allows(who, Permission::kPersonalDataRead)) return;
  c.title = ReadableText(ctx, who, std::move(c.title));
  c.description = ReadableText(ctx, who, std::move(c.description));
  c.remedy_detail = ReadableText(ctx, who, std::move(c.remedy_detail));
  c.rejection_reason = ReadableText(ctx, who, std::move(c.rejection_reason));
}

void MaskFreeText(const Context& ctx, const Principal& who, ComplaintEvent& e) {
  if (!ctx.text_masker || ctx.policy.Allows(who, Permission::kPersonalDataRead)) return;
  e.note = ReadableText(ctx, who, std::move(e.note));
  for (FieldChange& change : e.changes) {
    change.old_value = ReadableText(ctx, who, std::move(change.old_value));
    change.new_value = ReadableText(ctx, who, std::move(change.new_value));
  }
}

ComplaintView MakeView(Repositories& repos, const Context& ctx, const Principal& who,
                       Complaint complaint) {
  ComplaintView view;
  std::optional<Customer> customer;
  if (complaint.customer_id) customer = repos.customers().FindById(*complaint.customer_id);
  // Checked on clear values, before masking.
  view.missing_information = MissingEssentials(complaint, customer);
  if (customer && !complaint.customer_match.empty() && !CustomerVisible(repos, who, customer->id)) {
    // Linked by an identity the filer gave, to a record they may not see: they get back that
    // identity and nothing else, not even the record's id.
    Customer shown;
    if (complaint.customer_match == "phone") shown.phone = customer->phone;
    if (complaint.customer_match == "email") shown.email = customer->email;
    shown.created_at = shown.updated_at = complaint.received_at;
    customer = std::move(shown);
    complaint.customer_id.reset();
  }
  if (customer && customer->id) customer->accounts = repos.customers().AccountsOf(customer->id);
  if (customer) view.customer = MaskedFor(ctx, who, std::move(*customer));
  auto lifecycle = ctx.lifecycle.Get();
  for (const Transition& t : lifecycle->transitions()) {
    if (t.from == complaint.status && ctx.policy.Allows(who, t.permission)) {
      view.allowed_transitions.push_back(t.to);
    }
  }
  if (complaint.batch_id) {
    if (auto batch = repos.trace().FindBatch(*complaint.batch_id)) view.batch_no = batch->batch_no;
  }
  view.analysis = repos.analysis().Find(complaint.id);
  view.resolution = repos.outcomes().FindResolution(complaint.id);
  if (complaint.channel == Channel::kEmail)
    view.attachments = repos.mail().AttachmentsOf(complaint.id);
  MaskFreeText(ctx, who, complaint);
  view.complaint = std::move(complaint);
  return view;
}

Status CheckCategory(const Context& ctx, const std::string& category) {
  if (category.empty()) return Status::Ok();
  for (const std::string& known : ctx.config.categories) {
    if (known == category) return Status::Ok();
  }
  std::string list;
  for (const std::string& known : ctx.config.categories) list += (list.empty() ? "" : ", ") + known;
  return Status::Invalid("category", "unknown category '" + category + "'; known: " + list);
}

Status ResolvePlace(Repositories& repos, std::optional<Id>& region_id, std::optional<Id>& city_id,
                    std::optional<Id>& store_id) {
  if (store_id) {
    auto store = repos.org().FindStore(*store_id);
    if (!store) return Status::Invalid("store_id", "no store " + std::to_string(*store_id));
    if (city_id && *city_id != store->city_id) {
      return Status::Invalid("city_id", "the store is not in this city");
    }
    city_id = store->city_id;
  }
  if (city_id) {
    auto city = repos.org().FindCity(*city_id);
    if (!city) return Status::Invalid("city_id", "no city " + std::to_string(*city_id));
    if (region_id && *region_id != city->region_id) {
      return Status::Invalid("region_id", "the city is not in this region");
    }
    region_id = city->region_id;
  }
  if (region_id && !repos.org().FindRegion(*region_id)) {
    return Status::Invalid("region_id", "no region " + std::to_string(*region_id));
  }
  return Status::Ok();
}

Status CheckAssignee(Repositories& repos, Id user_id, const std::string& field) {
  auto user = repos.users().FindById(user_id);
  if (!user || !user->active) {
    return Status::Invalid(field, "no active user " + std::to_string(user_id));
  }
  if (user->role != Role::kAgent && user->role != Role::kManager && user->role != Role::kAdmin) {
    return Status::Invalid(field, "user " + user->username + " (" + ToString(user->role) +
                                      ") does not handle complaints");
  }
  return Status::Ok();
}

std::string EncodeCursor(const ComplaintCursor& cursor) {
  if (cursor.sla) {
    return "s" + (cursor.sla_due_at ? std::to_string(*cursor.sla_due_at) : std::string("n")) + "." +
           std::to_string(cursor.id);
  }
  return std::to_string(cursor.received_at) + "." + std::to_string(cursor.id);
}

std::optional<ComplaintCursor> DecodeCursor(const std::string& text) {
  if (!text.empty() && text[0] == 's') {
    const size_t dot = text.find('.');
    if (dot == std::string::npos || dot < 2 || dot + 1 == text.size()) return std::nullopt;
    const std::string key = text.substr(1, dot - 1), id = text.substr(dot + 1);
    auto digits = [](const std::string& s) {
      return s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!digits(id) || (key != "n" && !digits(key))) return std::nullopt;
    ComplaintCursor c;
    c.sla = true;
    c.id = std::stoll(id);
    if (key != "n") c.sla_due_at = std::stoll(key);
    return c;
  }
  size_t dot = text.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) return std::nullopt;
  std::string a = text.substr(0, dot), b = text.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(a) || !digits(b)) return std::nullopt;
  return ComplaintCursor{std::stoll(a), std::stoll(b)};
}

void AppendEvent(Repositories& repos, const Context& ctx, const Principal& who,
                 ComplaintEvent event) {
  if (who.user_id != 0) event.actor_id = who.user_id;
  event.at = ctx.clock.Now();
  repos.events().Append(event);
}

core::Status PublishChange(Repositories& repos, const Context& ctx, const ComplaintChange& change) {
  return ctx.changes ? ctx.changes->Publish(change, repos) : core::Status::Ok();
}

void MoveToAssigned(Repositories& repos, const Context& ctx, const Principal& who, Complaint& c) {
  ComplaintEvent moved;
  moved.complaint_id = c.id;
  moved.kind = EventKind::kTransitioned;
  moved.from_status = c.status;
  moved.to_status = ComplaintStatus::kAssigned;
  AppendEvent(repos, ctx, who, moved);
  c.status = ComplaintStatus::kAssigned;
}

Status PublishHandOver(Repositories& repos, const Context& ctx, const Principal& who,
                       const Complaint& c, std::optional<Id> previous, const std::string& reason,
                       UnixMillis now) {
  ComplaintChange handed{ChangeKind::kAssigned, c, who, now};
  handed.previous_assignee = previous;
  handed.note = reason;
  return PublishChange(repos, ctx, handed);
}

void MarkSafety(Repositories& repos, const Context& ctx, Complaint& c, const std::string& why) {
  ComplaintEvent e;
  e.complaint_id = c.id;
  e.kind = EventKind::kUpdated;
  e.note = why;
  e.changes.push_back({"safety_flag", c.safety_flag ? "true" : "false", "true"});
  if (c.priority != Priority::kUrgent) {
    e.changes.push_back({"priority", ToString(c.priority), ToString(Priority::kUrgent)});
  }
  c.safety_flag = true;
  c.priority = Priority::kUrgent;
  c.updated_at = ctx.clock.Now();
  repos.complaints().Update(c);
  AppendEvent(repos, ctx, SystemPrincipal(), e);
}

ComplaintEvent Escalate(Complaint& c, const std::string& note) {
  ComplaintEvent escalated;
  escalated.complaint_id = c.id;
  escalated.kind = EventKind::kEscalated;
  escalated.note = note;
  escalated.changes.push_back({"escalation_level", std::to_string(c.escalation_level),
                               std::to_string(c.escalation_level + 1)});
  ++c.escalation_level;
  if (c.priority < Priority::kHigh) {
    escalated.changes.push_back({"priority", ToString(c.priority), ToString(Priority::kHigh)});
    c.priority = Priority::kHigh;
  }
  return escalated;
}

}  // namespace closeloop::domain
