#include "domain/survey/survey_responses.h"

#include "core/text.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/survey/entities.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_templates.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

Status CheckScore(const char* field, const std::optional<int>& v, int low, int high) {
  if (v && (*v < low || *v > high)) {
    return Status::Invalid(field, std::string(field) + " must be between " + std::to_string(low) +
                                      " and " + std::to_string(high));
  }
  return Status::Ok();
}

}  // namespace

core::Result<SurveyResponse> RecordSurveyResponse::Execute(const Principal& who,
                                                           const std::string& key,
                                                           const SurveyAnswer& in) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintUpdate)) {
    return Status::Denied("your role may not record survey answers");
  }
  CL_RETURN_IF_ERROR(CheckScore("csat", in.csat, 1, 5));
  CL_RETURN_IF_ERROR(CheckScore("nps", in.nps, 0, 10));
  CL_RETURN_IF_ERROR(CheckScore("spm", in.spm, 1, 5));
  CL_RETURN_IF_ERROR(CheckScore("effort", in.effort, 1, 5));
  CL_RETURN_IF_ERROR(CheckText("comment", in.comment, 5000, false));
  for (const std::string& reason : in.reasons) {
    if (!KnownSurveyReason(reason)) {
      return Status::Invalid("reasons", "unknown reason '" + reason.substr(0, 40) + "'");
    }
  }
  if (!in.csat && !in.nps && !in.spm && !in.effort && core::Trim(in.comment).empty()) {
    return Status::Invalid("csat", "an answer needs a score or a comment");
  }
  if (in.answered_at && *in.answered_at > ctx_.clock.Now() + 5 * core::kMinute) {
    return Status::Invalid("answered_at", "answered_at lies in the future");
  }
  SurveyResponse s;
  s.csat = in.csat;
  s.nps = in.nps;
  s.spm = in.spm;
  s.effort = in.effort;
  s.comment = in.comment;
  s.reasons = in.reasons;
  s.source = in.source;
  s.answered_at = in.answered_at.value_or(ctx_.clock.Now());
  if (ctx_.analyzer && !core::Trim(in.comment).empty()) {
    TextAnalysis emotion = ctx_.analyzer->Analyze("", in.comment);
    s.comment_sentiment = emotion.sentiment;
    s.comment_agitation = emotion.agitation;
  }
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    const ComplaintStatus st = loaded.value().status;
    if (st != ComplaintStatus::kResolved && st != ComplaintStatus::kClosed) {
      return Status::Conflict("complaint " + loaded.value().reference +
                              " is not resolved; surveys follow resolution");
    }
    s.complaint_id = loaded.value().id;
    s.customer_id = loaded.value().customer_id;
    if (who.user_id > 0) s.taken_by = who.user_id;
    // A phone answer answers the survey that is waiting, so the customer's link shows it.
    std::optional<SurveyInvitation> waiting;
    for (const SurveyInvitation& inv : repos.surveys().InvitationsOf(s.complaint_id)) {
      if (inv.Waiting()) waiting = inv;
    }
    if (waiting) s.invitation_id = waiting->id;
    s.id = repos.surveys().InsertSurveyResponse(s);
    if (waiting) {
      waiting->status = "answered";
      waiting->answered_at = s.answered_at;
      repos.surveys().UpdateInvitation(*waiting);
    }
    // The callback is done (it stops the survey_callback clock).
    ComplaintEvent answered;
    answered.complaint_id = s.complaint_id;
    answered.kind = EventKind::kSurveyAnswered;
    answered.note = "survey answered (" + s.source + ")";
    AppendEvent(repos, ctx_, who, answered);
    ComplaintChange change{ChangeKind::kSurveyAnswered, loaded.value(), who, ctx_.clock.Now()};
    change.survey_response_id = s.id;
    return PublishChange(repos, ctx_, change);
  });
  if (!status.ok()) return status;
  return s;
}

core::Result<ComplaintSurveys> ListSurveys::Execute(const Principal& who,
                                                    const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read surveys");
  }
  ComplaintSurveys out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    out.invitations = repos.surveys().InvitationsOf(loaded.value().id);
    out.responses = repos.surveys().ResponsesOfComplaint(loaded.value().id);
    for (SurveyResponse& r : out.responses) r.comment = ReadableText(ctx_, who, r.comment);
    return Status::Ok();
  }));
  return out;
}

}  // namespace closeloop::domain
