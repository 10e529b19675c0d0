#include "app/complaint_commands.h"

#include <cstdio>
#include <iostream>

#include "app/wiring.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_actions.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/create_complaint.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/ids.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/unit_of_work.h"
#include "http/handlers/complaints_json.h"
#include "http/handlers/customers_json.h"

namespace closeloop::app {

namespace d = domain;
using json = nlohmann::ordered_json;

namespace {

constexpr int kChinaOffsetMinutes = 480;

int Fail(const core::Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  return 1;
}

std::string Local(core::UnixMillis t) { return core::FormatLocal(t, kChinaOffsetMinutes); }

// The id of an active user by username ("me": the acting user), for --assignee.
core::Result<d::Id> UserIdOf(const d::Context& ctx, const d::Principal& who,
                             const std::string& username) {
  if (username == "me") return who.user_id;
  std::optional<d::User> user;
  CL_RETURN_IF_ERROR(ctx.store.Read([&](d::Repositories& repos) {
    user = repos.users().FindByUsername(username);
    return core::Status::Ok();
  }));
  if (!user || !user->active)
    return core::Status::Invalid("assignee", "no active user " + username);
  return user->id;
}

template <typename E, typename Parse>
core::Status ParseFlag(const std::string& flag, const std::string& text, std::optional<E>& out,
                       Parse parse) {
  if (text.empty()) return core::Status::Ok();
  out = parse(text);
  if (!out) return core::Status::Invalid(flag, "unknown value '" + text + "' for --" + flag);
  return core::Status::Ok();
}

// "35", "35.5", "35.50" as fen.
core::Result<std::int64_t> YuanFlag(const std::string& text) {
  const size_t point = text.find('.');
  const bool digits = !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos &&
                      text.find('.', point + 1) == std::string::npos && text.size() <= 12 &&
                      (point == std::string::npos || text.size() - point - 1 <= 2) && text != ".";
  if (!digits) return core::Status::Invalid("compensation", "--compensation is yuan, e.g. 35.50");
  std::string whole = point == std::string::npos ? text : text.substr(0, point);
  std::string fen = point == std::string::npos ? "" : text.substr(point + 1);
  fen.resize(2, '0');
  return std::stoll(whole.empty() ? "0" : whole) * 100 + std::stoll(fen);
}

void PrintComplaint(const d::ComplaintView& view) {
  const d::Complaint& c = view.complaint;
  std::printf("%s  #%lld  %s\n", c.reference.c_str(), static_cast<long long>(c.id),
              d::ToString(c.status));
  std::printf("  title:     %s\n", c.title.c_str());
  std::printf("  channel:   %s   priority: %s   severity: %s%s\n", d::ToString(c.channel),
              d::ToString(c.priority), d::ToString(c.severity), c.safety_flag ? "   SAFETY" : "");
  std::printf("  type:      %s   category: %s\n", c.type ? d::ToString(*c.type) : "-",
              c.category.empty() ? "-" : c.category.c_str());
  if (view.customer) {
    std::printf("  customer:  %s %s %s (%s)\n", view.customer->name.c_str(),
                view.customer->phone.c_str(), view.customer->email.c_str(),
                d::ToString(view.customer->tier));
  }
  std::printf("  received:  %s (UTC+8)\n", Local(c.received_at).c_str());
  if (c.escalation_level) std::printf("  escalated: level %d\n", c.escalation_level);
  std::printf("  %s\n", c.description.c_str());
  std::string allowed;
  for (auto s : view.allowed_transitions)
    allowed += std::string(allowed.empty() ? "" : ", ") + d::ToString(s);
  std::printf("  next:      %s\n", allowed.empty() ? "-" : allowed.c_str());
}

// Prints a complaint (or the API's JSON of it), or the error; the exit code.
int Shown(const core::Result<d::ComplaintView>& view, bool as_json) {
  if (!view.ok()) return Fail(view.status());
  if (as_json) {
    std::cout << http::ToJson(view.value()).dump(2) << "\n";
  } else {
    PrintComplaint(view.value());
  }
  return 0;
}

}  // namespace

int RunComplaintCommand(const ComplaintCommand& cmd) {
  WiringOptions wiring_options = WiringFor(cmd.store);
  wiring_options.max_readers = 2;
  wiring_options.clock = nullptr;
  Wiring wiring(wiring_options);
  const d::Context& ctx = wiring.context();
  auto acting = ActiveUserPrincipal(ctx, cmd.as_user);
  if (!acting.ok()) return Fail(acting.status());
  const d::Principal who = *acting;

  if (cmd.verb == "create") {
    d::NewComplaint in;
    auto channel = d::ParseChannel(cmd.channel);
    if (!channel) return Fail(core::Status::Invalid("channel", "unknown channel " + cmd.channel));
    in.channel = *channel;
    in.title = cmd.title;
    in.description = cmd.description;
    if (!cmd.customer_name.empty() || !cmd.customer_phone.empty() || !cmd.customer_email.empty()) {
      in.customer = d::CustomerInput{std::nullopt, cmd.customer_name, cmd.customer_phone,
                                     cmd.customer_email, std::nullopt};
    }
    if (!cmd.type.empty()) {
      in.type = d::ParseComplaintType(cmd.type);
      if (!in.type) return Fail(core::Status::Invalid("type", "unknown type " + cmd.type));
    }
    in.category = cmd.category;
    auto created = d::CreateComplaint(ctx).Execute(who, std::move(in), std::nullopt);
    if (!created.ok()) return Fail(created.status());
    if (cmd.json) {
      std::cout << http::ToJson(created->view).dump(2) << "\n";
    } else {
      PrintComplaint(created->view);
    }
    return 0;
  }
  if (cmd.verb == "list") {
    d::ComplaintQuery query;
    for (const std::string& name : core::Split(cmd.status, ',')) {
      if (name.empty()) continue;
      auto status = d::ParseComplaintStatus(name);
      if (!status) return Fail(core::Status::Invalid("status", "unknown status " + name));
      query.statuses.push_back(*status);
    }
    query.text = cmd.text;
    query.limit = cmd.limit;
    query.category = cmd.category;
    auto failed = ParseFlag("type", cmd.type, query.type, d::ParseComplaintType);
    if (failed.ok())
      failed = ParseFlag("channel", cmd.channel_filter, query.channel, d::ParseChannel);
    if (failed.ok()) failed = ParseFlag("priority", cmd.priority, query.priority, d::ParsePriority);
    if (!failed.ok()) return Fail(failed);
    if (!cmd.assignee.empty()) {
      auto id = UserIdOf(ctx, who, cmd.assignee);
      if (!id.ok()) return Fail(id.status());
      query.assignee_id = *id;
    }
    for (const std::string& state : core::Split(cmd.sla, ',')) {
      if (state.empty()) continue;
      if (state != "ok" && state != "at_risk" && state != "breached" && state != "paused") {
        return Fail(core::Status::Invalid("sla", "--sla takes ok, at_risk, breached, paused"));
      }
      query.sla_states.push_back(state);
    }
    if (!cmd.sort.empty() && cmd.sort != "received" && cmd.sort != "sla_due") {
      return Fail(core::Status::Invalid("sort", "--sort is received or sla_due"));
    }
    query.sort_by_sla = cmd.sort == "sla_due";
    auto page = d::ListComplaints(ctx).Execute(who, query, cmd.cursor);
    if (!page.ok()) return Fail(page.status());
    if (cmd.json) {
      json items = json::array();
      for (const auto& v : page->items) items.push_back(http::ToJson(v));
      std::cout << json{{"items", items}, {"next_cursor", page->next_cursor}}.dump(2) << "\n";
      return 0;
    }
    for (const auto& v : page->items) {
      const d::Complaint& c = v.complaint;
      std::printf("%-20s %-19s %-10s %-8s %s  %s\n", c.reference.c_str(), d::ToString(c.status),
                  c.type ? d::ToString(*c.type) : "-", d::ToString(c.priority),
                  Local(c.received_at).c_str(), c.title.c_str());
    }
    if (!page->next_cursor.empty())
      std::printf("next page: --cursor %s\n", page->next_cursor.c_str());
    return 0;
  }
  if (cmd.verb == "show") {
    auto view = d::GetComplaint(ctx).Execute(who, cmd.key);
    return Shown(view, cmd.json);
  }
  if (cmd.verb == "transition") {
    auto to = d::ParseComplaintStatus(cmd.to);
    if (!to) return Fail(core::Status::Invalid("to", "unknown status " + cmd.to));
    d::TransitionRequest request{*to, cmd.note, std::nullopt};
    request.override_tasks = cmd.override_tasks;
    if (!cmd.assignee.empty()) {
      auto id = UserIdOf(ctx, who, cmd.assignee);
      if (!id.ok()) return Fail(id.status());
      request.assignee_id = *id;
    }
    if (!cmd.remedy.empty() || !cmd.compensation.empty() || !cmd.summary.empty()) {
      d::ResolutionInput resolution;
      auto remedy = d::ParseRemedy(cmd.remedy);
      if (!remedy)
        return Fail(
            core::Status::Invalid("remedy",
                                  "--remedy is required with a resolution: refund, replacement, "
                                  "repair, compensation, apology, explanation or other"));
      resolution.remedy = *remedy;
      if (!cmd.compensation.empty()) {
        auto fen = YuanFlag(cmd.compensation);
        if (!fen.ok()) return Fail(fen.status());
        resolution.compensation_cents = *fen;
      }
      resolution.summary = cmd.summary;
      request.resolution = resolution;
    }
    auto view = d::TransitionComplaint(ctx).Execute(who, cmd.key, request);
    if (!view.ok()) return Fail(view.status());
    if (cmd.json) {
      std::cout << http::ToJson(view.value()).dump(2) << "\n";
    } else {
      std::printf("%s is now %s\n", view->complaint.reference.c_str(),
                  d::ToString(view->complaint.status));
    }
    return 0;
  }
  if (cmd.verb == "update") {
    d::ComplaintPatch patch;
    auto failed = ParseFlag("type", cmd.type, patch.type, d::ParseComplaintType);
    if (failed.ok()) failed = ParseFlag("priority", cmd.priority, patch.priority, d::ParsePriority);
    if (!failed.ok()) return Fail(failed);
    if (!cmd.category.empty()) patch.category = cmd.category;
    auto view = d::UpdateComplaint(ctx).Execute(who, cmd.key, patch);
    return Shown(view, cmd.json);
  }
  if (cmd.verb == "note") {
    auto note = d::AddNote(ctx).Execute(
        who, cmd.key, cmd.public_note ? d::NoteVisibility::kPublic : d::NoteVisibility::kInternal,
        cmd.note);
    if (!note.ok()) return Fail(note.status());
    if (cmd.json) {
      std::cout << http::ToJson(note.value()).dump(2) << "\n";
    } else {
      std::printf("note %lld added (%s)\n", static_cast<long long>(note->id),
                  d::ToString(note->visibility));
    }
    return 0;
  }
  if (cmd.verb == "history") {
    auto events = d::GetComplaintHistory(ctx).Execute(who, cmd.key);
    if (!events.ok()) return Fail(events.status());
    if (cmd.json) {
      json items = json::array();
      for (const auto& e : events.value()) items.push_back(http::ToJson(e));
      std::cout << json{{"items", items}}.dump(2) << "\n";
      return 0;
    }
    for (const auto& e : events.value()) {
      std::string line = Local(e.at) + "  " + (e.actor_name.empty() ? "system" : e.actor_name) +
                         "  " + d::ToString(e.kind);
      if (e.from_status || e.to_status) {
        line += std::string("  ") + (e.from_status ? d::ToString(*e.from_status) : "") + " -> " +
                (e.to_status ? d::ToString(*e.to_status) : "");
      }
      for (const auto& ch : e.changes)
        line += "  " + ch.field + ": " + ch.old_value + " -> " + ch.new_value;
      if (!e.note.empty()) line += "  \"" + e.note + "\"";
      std::printf("%s\n", line.c_str());
    }
    return 0;
  }
  return Fail(core::Status::Invalid("verb", "unknown complaint command " + cmd.verb));
}

}  // namespace closeloop::app
