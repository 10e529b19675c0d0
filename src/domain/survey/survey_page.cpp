#include "domain/survey/survey_page.h"

#include <algorithm>

#include "core/text.h"
#include "domain/analysis/entities.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/validation.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_templates.h"

namespace closeloop::domain {

using core::Status;

namespace {

constexpr size_t kMaxSecretChars = 128;
constexpr size_t kMaxCommentChars = 2000;

struct Found {
  SurveyInvitation invitation;
  std::optional<Complaint> complaint;  // none for a relationship survey
};

// The invitation a link's secret opens, or nothing for any secret we did not send.
std::optional<Found> FindBySecret(Repositories& repos, const Context& ctx,
                                  const std::string& secret) {
  if (secret.empty() || secret.size() > kMaxSecretChars) return std::nullopt;
  auto id = repos.surveys().InvitationOfToken(ctx.tokens.Digest(secret));
  if (!id) return std::nullopt;
  auto inv = repos.surveys().FindInvitation(*id);
  if (!inv) return std::nullopt;
  if (inv->complaint_id == 0) return Found{*inv, std::nullopt};
  auto complaint = repos.complaints().FindById(inv->complaint_id);
  if (!complaint) return std::nullopt;
  return Found{*inv, *complaint};
}

// The page for an invitation as it stands at `now`.
SurveyPage PageOf(Repositories& repos, const Found& f, UnixMillis now) {
  SurveyPage page;
  page.language = f.invitation.language;
  if (f.complaint) page.reference = f.complaint->reference;
  if (f.invitation.customer_id)
    page.opted_out = repos.surveys().OptedOut(*f.invitation.customer_id);
  const std::string& status = f.invitation.status;
  if (status == "answered") {
    page.state = SurveyPage::State::kAnswered;
    const auto answers =
        f.complaint ? repos.surveys().ResponsesOfComplaint(f.complaint->id)
                    : repos.surveys().ResponsesOfCampaign(f.invitation.campaign_id.value_or(0));
    for (const auto& r : answers) {
      if (r.invitation_id == f.invitation.id) page.answer = r;
    }
  } else if (status == "cancelled" || status == "skipped") {
    page.state = SurveyPage::State::kCancelled;
  } else if (status == "expired" || (f.invitation.expires_at && now >= *f.invitation.expires_at)) {
    page.state = SurveyPage::State::kExpired;
  } else if (f.invitation.Waiting()) {
    page.state = SurveyPage::State::kOpen;
    page.questions =
        SurveyTemplateVersion(repos, f.invitation.template_name, f.invitation.template_version);
    if (!page.questions) page.state = SurveyPage::State::kInvalid;
  }
  return page;
}

bool Asks(const SurveyTemplate& t, const std::string& code) {
  return std::any_of(t.questions.begin(), t.questions.end(),
                     [&](const SurveyQuestion& q) { return q.code == code; });
}

Status CheckSubmission(const SurveyTemplate& t, const SurveySubmission& in) {
  struct Score {
    const char* code;
    const std::optional<int>& value;
    int low, high;
  };
  for (const Score& s : {Score{"csat", in.csat, 1, 5}, Score{"nps", in.nps, 0, 10},
                         Score{"spm", in.spm, 1, 5}, Score{"ces", in.ces, 1, 5}}) {
    if (s.value && !Asks(t, s.code)) {
      return Status::Invalid(s.code, std::string("this survey does not ask ") + s.code);
    }
    if (s.value && (*s.value < s.low || *s.value > s.high)) {
      return Status::Invalid(s.code, std::string(s.code) + " must be between " +
                                         std::to_string(s.low) + " and " + std::to_string(s.high));
    }
  }
  for (const SurveyQuestion& q : t.questions) {
    const bool given = (q.code == "csat" && in.csat) || (q.code == "nps" && in.nps) ||
                       (q.code == "spm" && in.spm) || (q.code == "ces" && in.ces) ||
                       (q.code == "reasons" && !in.reasons.empty()) ||
                       (q.code == "comment" && !core::Trim(in.comment).empty());
    if (q.required && !given) return Status::Invalid(q.code, q.code + " is required");
  }
  if (!in.reasons.empty() && !Asks(t, "reasons")) {
    return Status::Invalid("reasons", "this survey does not ask for reasons");
  }
  if (in.reasons.size() > SurveyReasons().size()) {
    return Status::Invalid("reasons", "too many reasons");
  }
  for (const std::string& reason : in.reasons) {
    if (!KnownSurveyReason(reason)) {
      return Status::Invalid("reasons", "unknown reason '" + reason.substr(0, 40) + "'");
    }
  }
  if (!core::Trim(in.comment).empty() && !Asks(t, "comment")) {
    return Status::Invalid("comment", "this survey does not ask for a comment");
  }
  return CheckText("comment", in.comment, kMaxCommentChars, false);
}

}  // namespace

SurveyPage AnswerSurvey::Open(const std::string& secret) const {
  SurveyPage page;
  const UnixMillis now = ctx_.clock.Now();
  Status status = ctx_.store.Read([&](Repositories& repos) {
    if (auto found = FindBySecret(repos, ctx_, secret)) page = PageOf(repos, *found, now);
    return Status::Ok();
  });
  if (!status.ok()) page.state = SurveyPage::State::kInvalid;
  return page;
}

core::Result<SurveyPage> AnswerSurvey::Submit(const std::string& secret,
                                              const SurveySubmission& in) const {
  // The comment's emotion is scored before the transaction (no text work under the writer).
  TextAnalysis emotion;
  if (ctx_.analyzer && !core::Trim(in.comment).empty()) {
    emotion = ctx_.analyzer->Analyze("", in.comment);
  }
  SurveyPage page;
  const UnixMillis now = ctx_.clock.Now();
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = FindBySecret(repos, ctx_, secret);
    if (!found) return Status::Ok();  // kInvalid
    page = PageOf(repos, *found, now);
    if (page.state != SurveyPage::State::kOpen) return Status::Ok();  // answered, expired …
    CL_RETURN_IF_ERROR(CheckSubmission(*page.questions, in));
    SurveyResponse r;
    r.complaint_id = found->invitation.complaint_id;
    r.customer_id = found->invitation.customer_id;
    r.csat = in.csat;
    r.nps = in.nps;
    r.spm = in.spm;
    r.effort = in.ces;
    r.reasons = in.reasons;
    std::sort(r.reasons.begin(), r.reasons.end());
    r.reasons.erase(std::unique(r.reasons.begin(), r.reasons.end()), r.reasons.end());
    r.comment = in.comment;
    r.comment_sentiment = emotion.sentiment;
    r.comment_agitation = emotion.agitation;
    r.source = "survey";
    r.invitation_id = found->invitation.id;
    r.answered_at = now;
    r.id = repos.surveys().InsertSurveyResponse(r);
    SurveyInvitation inv = found->invitation;
    inv.status = "answered";
    inv.answered_at = now;
    repos.surveys().UpdateInvitation(inv);
    if (found->complaint) {  // a relationship answer changes no complaint
      const Principal system = SystemPrincipal();
      ComplaintEvent answered;
      answered.complaint_id = r.complaint_id;
      answered.kind = EventKind::kSurveyAnswered;
      answered.note = "survey answered by the customer";
      AppendEvent(repos, ctx_, system, answered);
      ComplaintChange change{ChangeKind::kSurveyAnswered, *found->complaint, system, now};
      change.survey_response_id = r.id;
      CL_RETURN_IF_ERROR(PublishChange(repos, ctx_, change));
    }
    page.state = SurveyPage::State::kAnswered;
    page.questions.reset();
    page.answer = r;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

SurveyPage AnswerSurvey::OptOut(const std::string& secret) const {
  SurveyPage page;
  const UnixMillis now = ctx_.clock.Now();
  Status status = ctx_.store.Write([&](Repositories& repos) {
    auto found = FindBySecret(repos, ctx_, secret);
    if (!found) return Status::Ok();
    if (found->invitation.customer_id) {
      repos.surveys().OptOut(*found->invitation.customer_id, "link", now);
    }
    page = PageOf(repos, *found, now);
    return Status::Ok();
  });
  if (!status.ok()) page.state = SurveyPage::State::kInvalid;
  return page;
}

}  // namespace closeloop::domain
