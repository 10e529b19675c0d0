#include "domain/improvement/improvements.h"

#include <algorithm>

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/improvement/repository.h"
#include "domain/model/validation.h"
#include "domain/org/entities.h"
#include "domain/org/repository.h"
#include "domain/survey/entities.h"
#include "domain/survey/repository.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr const char* kCauseCategories[] = {"man",    "machine",     "material",
                                            "method", "environment", "measurement"};
constexpr size_t kMaxText = 5000;

bool Contains(const std::vector<Id>& ids, std::optional<Id> id) {
  return id && std::find(ids.begin(), ids.end(), *id) != ids.end();
}

bool Manages(const Context& ctx, const Principal& who, const ImprovementAction& a) {
  if (!ctx.policy.Allows(who, Permission::kImprovementManage)) return false;
  return who.region_scope.empty() || !a.region_id || Contains(who.region_scope, a.region_id);
}

bool Works(const Principal& who, const ImprovementAction& a) {
  return who.role == Role::kDepartment && Contains(who.team_scope, a.team_id);
}

bool Reads(const Context& ctx, const Principal& who, const ImprovementAction& a) {
  if (Manages(ctx, who, a) || Works(who, a)) return true;
  return ctx.policy.Allows(who, Permission::kImprovementRead) &&
         (who.region_scope.empty() || !a.region_id || Contains(who.region_scope, a.region_id));
}

Status NotFound(Id id) {
  return Status::NotFound("improvement action " + std::to_string(id) + " not found");
}

// The stage after `from` that a move to `to` may reach: the next in PDCA order, or plan again
// after act (another cycle).
bool NextStage(const std::string& from, const std::string& to) {
  return (from == "plan" && to == "do") || (from == "do" && to == "check") ||
         (from == "check" && to == "act") || (from == "act" && (to == "closed" || to == "plan"));
}

Status CheckA3(const A3Record& a3) {
  for (const auto& [field, text] :
       {std::pair{"a3.background", &a3.background},
        std::pair{"a3.current_state", &a3.current_state}, std::pair{"a3.goal", &a3.goal},
        std::pair{"a3.countermeasures", &a3.countermeasures},
        std::pair{"a3.follow_up", &a3.follow_up}}) {
    CL_RETURN_IF_ERROR(CheckText(field, *text, kMaxText, false));
  }
  if (a3.whys.size() > 5) return Status::Invalid("a3.whys", "a 5-why chain has at most 5 whys");
  for (const std::string& why : a3.whys) CL_RETURN_IF_ERROR(CheckText("a3.whys", why, 500, true));
  if (a3.causes.size() > 60) return Status::Invalid("a3.causes", "at most 60 causes");
  for (const auto& [category, cause] : a3.causes) {
    if (!KnownCauseCategory(category)) {
      return Status::Invalid("a3.causes",
                             "a cause's category is man, machine, material, method, "
                             "environment or measurement");
    }
    CL_RETURN_IF_ERROR(CheckText("a3.causes", cause, 500, true));
  }
  return Status::Ok();
}

// A link names something that exists and that the caller may see.
Status CheckLink(Repositories& repos, const Context& ctx, const Principal& who,
                 const ImprovementLink& link) {
  std::optional<Id> complaint_id;
  if (link.kind == "complaint") {
    complaint_id = link.id;
  } else if (link.kind == "survey_response") {
    if (auto r = repos.surveys().FindResponse(link.id)) complaint_id = r->complaint_id;
  } else if (link.kind == "task") {
    auto t = repos.tasks().Find(link.id);
    if (t && who.role == Role::kDepartment && Contains(who.team_scope, t->team_id)) {
      return Status::Ok();
    }
    if (t) complaint_id = t->complaint_id;
  } else {
    return Status::Invalid("links", "a link's kind is complaint, survey_response or task");
  }
  if (complaint_id && LoadVisibleComplaint(repos, ctx, who, std::to_string(*complaint_id)).ok()) {
    return Status::Ok();
  }
  return Status::Invalid("links", "no " + link.kind + " " + std::to_string(link.id));
}

// Applies the given fields; `creating` requires the mandatory ones.
Status Apply(Repositories& repos, const Context& ctx, const Principal& who,
             const ImprovementInput& in, ImprovementAction& a, bool creating) {
  if (in.problem) {
    CL_RETURN_IF_ERROR(CheckText("problem", *in.problem, 500, true));
    a.problem = core::Trim(*in.problem);
  } else if (creating) {
    return Status::Invalid("problem", "problem is required");
  }
  if (in.measure) {
    CL_RETURN_IF_ERROR(CheckText("measure", *in.measure, kMaxText, false));
    a.measure = core::Trim(*in.measure);
  }
  if (in.team_id) {
    auto team = repos.org().FindTeam(*in.team_id);
    if (!team || team->kind != "department") {
      return Status::Invalid("team_id", "team_id must name a department team");
    }
    a.team_id = team->id;
  } else if (creating) {
    return Status::Invalid("team_id", "team_id (the responsible department) is required");
  }
  if (in.owner_id) {
    auto owner = repos.users().FindById(*in.owner_id);
    if (!owner || !owner->active) return Status::Invalid("owner_id", "no active user with that id");
    a.owner_id = owner->id;
  } else if (creating) {
    return Status::Invalid("owner_id", "an improvement action needs an owner (owner_id)");
  }
  if (in.deadline) {
    if (*in.deadline <= ctx.clock.Now()) {
      return Status::Invalid("deadline", "deadline must lie in the future");
    }
    a.deadline = *in.deadline;
  } else if (creating) {
    return Status::Invalid("deadline", "deadline is required");
  }
  if (in.region_id) {
    if (!repos.org().FindRegion(*in.region_id)) {
      return Status::Invalid("region_id", "no region with that id");
    }
    if (!who.region_scope.empty() && !Contains(who.region_scope, in.region_id)) {
      return Status::Invalid("region_id", "region_id lies outside your scope");
    }
    a.region_id = in.region_id;
  } else if (creating && !who.region_scope.empty()) {
    a.region_id = who.region_scope.front();  // a scoped manager's action is their region's
  }
  if (in.category) {
    if (!in.category->empty() &&
        std::find(ctx.config.categories.begin(), ctx.config.categories.end(), *in.category) ==
            ctx.config.categories.end()) {
      return Status::Invalid("category", "unknown category '" + *in.category + "'");
    }
    a.category = *in.category;
  }
  if (in.product_line) {
    CL_RETURN_IF_ERROR(CheckText("product_line", *in.product_line, 100, false));
    a.product_line = core::Trim(*in.product_line);
  }
  if (in.store_id) {
    if (!repos.org().FindStore(*in.store_id)) {
      return Status::Invalid("store_id", "no store with that id");
    }
    a.store_id = in.store_id;
  }
  if (in.a3) {
    CL_RETURN_IF_ERROR(CheckA3(*in.a3));
    a.a3 = *in.a3;
  }
  for (const ImprovementLink& link : in.links) {
    CL_RETURN_IF_ERROR(CheckLink(repos, ctx, who, link));
    const bool known = std::any_of(a.links.begin(), a.links.end(), [&](const ImprovementLink& l) {
      return l.kind == link.kind && l.id == link.id;
    });
    if (!known) a.links.push_back(link);
  }
  if (a.links.size() > 500) return Status::Invalid("links", "at most 500 links");
  return Status::Ok();
}

}  // namespace

bool KnownCauseCategory(const std::string& category) {
  return std::any_of(std::begin(kCauseCategories), std::end(kCauseCategories),
                     [&](const char* c) { return category == c; });
}

core::Result<ImprovementAction> ManageImprovements::Create(const Principal& who,
                                                           const ImprovementInput& in) const {
  if (!ctx_.policy.Allows(who, Permission::kImprovementManage)) {
    return Status::Denied("your role may not open improvement actions");
  }
  if (in.stage && *in.stage != "plan") {
    return Status::Invalid("stage", "a new action starts in plan");
  }
  ImprovementAction a;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    CL_RETURN_IF_ERROR(Apply(repos, ctx_, who, in, a, true));
    const UnixMillis now = ctx_.clock.Now();
    a.plan_at = now;
    a.created_at = a.updated_at = now;
    if (who.user_id > 0) a.created_by = who.user_id;
    a.id = repos.improvements().Insert(a);
    return Status::Ok();
  }));
  return a;
}

core::Result<ImprovementAction> ManageImprovements::Update(const Principal& who, Id id,
                                                           const ImprovementInput& in) const {
  ImprovementAction a;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.improvements().Find(id);
    if (!found || !Reads(ctx_, who, *found)) return NotFound(id);
    a = *found;
    const bool manages = Manages(ctx_, who, a);
    if (!manages && !Works(who, a)) {
      return Status::Denied("your role may not change improvement action " + std::to_string(id));
    }
    if (!manages && (in.team_id || in.region_id)) {
      return Status::Denied("only a manager moves an action to another department or region");
    }
    if (a.stage == "closed")
      return Status::Conflict("improvement action " + std::to_string(id) + " is closed");
    CL_RETURN_IF_ERROR(Apply(repos, ctx_, who, in, a, false));
    const UnixMillis now = ctx_.clock.Now();
    if (in.stage && *in.stage != a.stage) {
      if (!NextStage(a.stage, *in.stage)) {
        return Status::Invalid("stage", "from " + a.stage +
                                            " the next stage is do, check, act, then closed "
                                            "(or plan again after act)");
      }
      if (*in.stage == "closed" && !a.effect) {
        return Status::Conflict("record the effect check before closing the action", "effect");
      }
      a.stage = *in.stage;
      if (a.stage == "plan") {
        a.plan_at = now;
        a.do_at = a.check_at = a.act_at = std::nullopt;
        a.effect.reset();
      }
      if (a.stage == "do") a.do_at = now;
      if (a.stage == "check") a.check_at = now;
      if (a.stage == "act") a.act_at = now;
      if (a.stage == "closed") a.closed_at = now;
    }
    a.updated_at = now;
    repos.improvements().Update(a);
    return Status::Ok();
  }));
  return a;
}

core::Result<ImprovementAction> ManageImprovements::Get(const Principal& who, Id id) const {
  std::optional<ImprovementAction> a;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    a = repos.improvements().Find(id);
    return Status::Ok();
  }));
  if (!a || !Reads(ctx_, who, *a)) return NotFound(id);
  return *a;
}

core::Result<std::vector<ImprovementAction>> ManageImprovements::List(
    const Principal& who, std::optional<Id> team_id, const std::string& stage) const {
  const bool department = who.role == Role::kDepartment;
  if (!department && !ctx_.policy.Allows(who, Permission::kImprovementManage) &&
      !ctx_.policy.Allows(who, Permission::kImprovementRead)) {
    return Status::Denied("your role may not read improvement actions");
  }
  static const std::vector<std::string> stages = {"plan", "do", "check", "act", "closed"};
  if (!stage.empty() && std::find(stages.begin(), stages.end(), stage) == stages.end()) {
    return Status::Invalid("stage", "stage is plan, do, check, act or closed");
  }
  ImprovementQuery query;
  query.stage = stage;
  if (team_id) query.team_ids.push_back(*team_id);
  if (department && !team_id) query.team_ids = who.team_scope;
  std::vector<ImprovementAction> out;
  if (department && query.team_ids.empty()) return out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    for (ImprovementAction& a : repos.improvements().List(query)) {
      if (Reads(ctx_, who, a)) out.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return out;
}

core::Result<ImprovementAction> ManageImprovements::CheckEffect(const Principal& who, Id id,
                                                                int weeks) const {
  if (weeks < 1 || weeks > 52) return Status::Invalid("weeks", "weeks must be 1-52");
  ImprovementAction a;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.improvements().Find(id);
    if (!found || !Reads(ctx_, who, *found)) return NotFound(id);
    a = *found;
    if (!Manages(ctx_, who, a) && !Works(who, a)) {
      return Status::Denied("your role may not check the effect of this action");
    }
    if (a.stage != "check" && a.stage != "act") {
      return Status::Conflict("the effect is checked in the check or act stage, not " + a.stage,
                              "stage");
    }
    if (a.category.empty()) {
      return Status::Invalid("category",
                             "set the category the action addresses before checking its effect");
    }
    const UnixMillis now = ctx_.clock.Now();
    const UnixMillis pivot = a.do_at.value_or(now);
    const UnixMillis span = weeks * 7 * core::kDay;
    if (pivot + span > now) {
      return Status::Conflict(std::to_string(weeks) +
                                  " weeks have not passed since the action "
                                  "took effect",
                              "weeks");
    }
    EffectCheck e;
    e.weeks = weeks;
    e.pivot = pivot;
    e.before = repos.improvements().CountComplaints(a.category, a.product_line, a.store_id,
                                                    pivot - span, pivot);
    e.after = repos.improvements().CountComplaints(a.category, a.product_line, a.store_id, pivot,
                                                   pivot + span);
    e.before_per_week = static_cast<double>(e.before) / weeks;
    e.after_per_week = static_cast<double>(e.after) / weeks;
    e.checked_at = now;
    a.effect = e;
    a.updated_at = now;
    repos.improvements().Update(a);
    return Status::Ok();
  }));
  return a;
}

}  // namespace closeloop::domain
