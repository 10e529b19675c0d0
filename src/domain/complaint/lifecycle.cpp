#include "domain/complaint/lifecycle.h"

#include <set>

namespace closeloop::domain {
namespace {

using S = ComplaintStatus;
using P = Permission;
using R = Requirement;

}  // namespace

const char* ToString(Requirement r) {
  switch (r) {
    case R::kNote:
      return "note";
    case R::kType:
      return "type";
    case R::kCategory:
      return "category";
    case R::kAssignee:
      return "assignee_id";
  }
  return "unknown";
}

std::optional<Requirement> ParseRequirement(std::string_view s) {
  for (R r : {R::kNote, R::kType, R::kCategory, R::kAssignee}) {
    if (s == ToString(r)) return r;
  }
  return std::nullopt;
}

Lifecycle Lifecycle::Default() {
  return Lifecycle({
      {S::kReceived, S::kClassified, P::kComplaintWork, {R::kType, R::kCategory}},
      {S::kReceived, S::kAssigned, P::kComplaintWork, {R::kAssignee}},
      {S::kReceived, S::kRejected, P::kComplaintReject, {R::kNote}},
      {S::kClassified, S::kAssigned, P::kComplaintWork, {R::kAssignee}},
      {S::kClassified, S::kRejected, P::kComplaintReject, {R::kNote}},
      {S::kAssigned, S::kInProgress, P::kComplaintWork, {R::kAssignee}},
      {S::kAssigned, S::kRejected, P::kComplaintReject, {R::kNote}},
      {S::kInProgress, S::kWaitingOnCustomer, P::kComplaintWork, {}},
      {S::kInProgress, S::kResolved, P::kComplaintWork, {}},
      {S::kInProgress, S::kRejected, P::kComplaintReject, {R::kNote}},
      {S::kWaitingOnCustomer, S::kInProgress, P::kComplaintWork, {}},
      {S::kWaitingOnCustomer, S::kResolved, P::kComplaintWork, {}},
      {S::kResolved, S::kClosed, P::kComplaintClose, {}},
      {S::kResolved, S::kReopened, P::kComplaintReopen, {R::kNote}},
      {S::kClosed, S::kReopened, P::kComplaintReopen, {R::kNote}},
      {S::kRejected, S::kReopened, P::kComplaintReopen, {R::kNote}},
      {S::kReopened, S::kAssigned, P::kComplaintWork, {R::kAssignee}},
      {S::kReopened, S::kInProgress, P::kComplaintWork, {R::kAssignee}},
  });
}

core::Result<Lifecycle> Lifecycle::Build(std::vector<Transition> transitions) {
  if (transitions.empty()) {
    return core::Status::Invalid("transitions", "a lifecycle needs at least one transition");
  }
  std::set<std::pair<S, S>> seen;
  for (size_t i = 0; i < transitions.size(); ++i) {
    const Transition& t = transitions[i];
    std::string where = "transitions[" + std::to_string(i) + "]";
    if (t.from == t.to) return core::Status::Invalid(where, "a transition must change the state");
    if (!seen.insert({t.from, t.to}).second) {
      return core::Status::Invalid(
          where, std::string("duplicate transition ") + ToString(t.from) + " -> " + ToString(t.to));
    }
  }
  // Every state used must be reachable from `received`, or complaints could never get there.
  std::set<S> reachable{S::kReceived};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Transition& t : transitions) {
      if (reachable.count(t.from) && reachable.insert(t.to).second) grew = true;
    }
  }
  for (size_t i = 0; i < transitions.size(); ++i) {
    if (!reachable.count(transitions[i].from)) {
      return core::Status::Invalid("transitions[" + std::to_string(i) + "]",
                                   std::string("state ") + ToString(transitions[i].from) +
                                       " cannot be reached from received");
    }
  }
  return Lifecycle(std::move(transitions));
}

const Transition* Lifecycle::Find(ComplaintStatus from, ComplaintStatus to) const {
  for (const Transition& t : transitions_) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

std::vector<ComplaintStatus> Lifecycle::Targets(ComplaintStatus from) const {
  std::vector<ComplaintStatus> out;
  for (const Transition& t : transitions_) {
    if (t.from == from) out.push_back(t.to);
  }
  return out;
}

}  // namespace closeloop::domain
