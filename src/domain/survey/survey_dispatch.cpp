#include "domain/survey/survey_dispatch.h"

#include <cstdlib>

#include "core/template_text.h"
#include "core/time_format.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/customer/entities.h"
#include "domain/customer/repository.h"
#include "domain/jobs/entities.h"
#include "domain/jobs/repository.h"
#include "domain/model/enums.h"
#include "domain/model/validation.h"
#include "domain/notify/customer_delivery.h"
#include "domain/survey/repository.h"
#include "domain/survey/survey_policy.h"
#include "domain/survey/survey_templates.h"

namespace closeloop::domain {

using core::Status;

namespace {

std::string LanguageOf(const Complaint& c) {
  return LooksEnglish(c.title + " " + c.description) ? "en" : "zh-CN";
}

// The template of a complaint's survey: a recovered customer's is the first-time (short) one;
// otherwise the first matching rule, else the first-time template for a customer's first
// complaint, else the default.
std::string TemplateFor(Repositories& repos, const SurveyPolicy& policy, const Complaint& c,
                        const std::string& purpose) {
  if (purpose == "recovery") return policy.first_time_template;
  const std::string channel = ToString(c.channel);
  const std::string type = c.type ? ToString(*c.type) : "";
  std::string tier;
  if (c.customer_id) {
    if (auto t = repos.customers().TierOf(*c.customer_id)) tier = ToString(*t);
  }
  for (const SurveyTemplateRule& r : policy.template_rules) {
    if ((r.channel.empty() || r.channel == channel) && (r.type.empty() || r.type == type) &&
        (r.tier.empty() || r.tier == tier)) {
      return r.template_name;
    }
  }
  if (c.customer_id && repos.complaints().ListForCustomer(*c.customer_id, 2).size() <= 1) {
    return policy.first_time_template;
  }
  return policy.default_template;
}

int SamplePercent(const SurveyPolicy& policy, const std::string& channel) {
  for (const auto& [name, percent] : policy.sampling) {
    if (name == channel) return percent;
  }
  return 100;
}

// A complaint is in the sample when its id, scattered, falls below the percentage: the same
// complaint always gets the same answer, and the share holds over many.
bool SampledIn(Id complaint_id, int percent) {
  const auto scattered = static_cast<std::uint64_t>(complaint_id) * 0x9E3779B97F4A7C15ULL;
  return static_cast<int>((scattered >> 32) % 100) < percent;
}

bool HasContact(Repositories& repos, const Customer& customer) {
  return !customer.email.empty() || !customer.phone.empty() ||
         !repos.customers().AccountsOf(customer.id).empty();
}

// Why the survey must not go out now, or nothing.
std::optional<std::string> SkipReason(Repositories& repos, const SurveyPolicy& policy,
                                      const SurveyInvitation& inv, UnixMillis now) {
  if (!inv.customer_id) return "no_customer";
  if (repos.surveys().OptedOut(*inv.customer_id)) return "opted_out";
  auto customer = repos.customers().FindById(*inv.customer_id);
  if (!customer) return "no_customer";
  if (!HasContact(repos, *customer)) return "no_contact";
  if (inv.purpose == "recovery") return std::nullopt;  // the customer expects this one
  // Sampling thins out a channel's resolution surveys; a campaign chose its audience itself.
  if (inv.complaint_id != 0 && !SampledIn(inv.complaint_id, SamplePercent(policy, inv.channel))) {
    return "sampled_out";
  }
  if (policy.max_per_period > 0 &&
      repos.surveys().SentToCustomerSince(
          *inv.customer_id, now - policy.period_days * core::kDay) >= policy.max_per_period) {
    return "frequency_limit";
  }
  auto last = repos.surveys().LastSentToCustomer(*inv.customer_id);
  if (last && now - *last < policy.min_gap_days * core::kDay) return "min_gap";
  return std::nullopt;
}

std::string ScoreLinks(const std::string& url, const std::string& language) {
  std::string lines;
  for (int score = 5; score >= 1; --score) {
    lines += std::to_string(score) + " " + SurveyWord(language, "csat_" + std::to_string(score)) +
             (language == "en" ? ": " : "：") + url + "?csat=" + std::to_string(score) + "\n";
  }
  return lines;
}

// A relationship survey's one-click answers: the NPS scale, 10 down to 0.
std::string NpsLinks(const std::string& url) {
  std::string lines;
  for (int score = 10; score >= 0; --score) {
    lines += std::to_string(score) + ": " + url + "?nps=" + std::to_string(score) + "\n";
  }
  return lines;
}

// Sends a campaign's invitation to the customer (email, else SMS): there is no complaint.
void SendRelationshipSurvey(Repositories& repos, const Context& ctx, const SurveyInvitation& inv,
                            bool reminder) {
  auto customer = repos.customers().FindById(inv.customer_id.value_or(0));
  if (!customer) return;
  const UnixMillis now = ctx.clock.Now();
  const std::string url = NewSurveyLink(repos, ctx, inv);
  core::TemplateValues values;
  values.text = {{"survey_url", url},
                 {"opt_out_url", url + "/opt-out"},
                 {"expires", core::FormatLocal(inv.expires_at.value_or(now),
                                               ctx.config.org_utc_offset_minutes)},
                 {"score_links", NpsLinks(url)}};
  auto parts = SurveyMailParts(repos, inv.language);
  const std::string prefix = reminder ? SurveyWord(inv.language, "reminder_prefix") : "";
  DeliverToCustomerDirectly(repos, ctx, *customer,
                            prefix + core::RenderTemplate(parts["relationship_subject"], values),
                            core::RenderTemplate(parts["relationship_body"], values),
                            reminder ? "survey_reminder" : "survey");
}

// Sends the invitation (or its reminder) with a new link on the complaint's channel.
void SendSurvey(Repositories& repos, const Context& ctx, const SurveyInvitation& inv,
                const Complaint& c, bool reminder) {
  const UnixMillis now = ctx.clock.Now();
  const std::string url = NewSurveyLink(repos, ctx, inv);
  core::TemplateValues values;
  values.text = {{"reference", c.reference},
                 {"title", c.title},
                 {"survey_url", url},
                 {"opt_out_url", url + "/opt-out"},
                 {"expires", core::FormatLocal(inv.expires_at.value_or(now),
                                               ctx.config.org_utc_offset_minutes)},
                 {"score_links", ScoreLinks(url, inv.language)}};
  auto parts = SurveyMailParts(repos, inv.language);
  const std::string subject =
      core::RenderTemplate(parts[reminder ? "reminder_subject" : "subject"], values);
  const std::string body = core::RenderTemplate(parts[reminder ? "reminder_body" : "body"], values);
  DeliverToCustomer(repos, ctx, SystemPrincipal(), c, subject, body,
                    reminder ? "survey_reminder" : "survey");
}

}  // namespace

Id ScheduleSurvey(Repositories& repos, const Context& ctx, const SurveyPolicy& policy,
                  const Complaint& c, const std::string& purpose, UnixMillis send_at) {
  const UnixMillis now = ctx.clock.Now();
  SurveyInvitation inv;
  inv.complaint_id = c.id;
  inv.customer_id = c.customer_id;
  inv.purpose = purpose;
  inv.template_name = TemplateFor(repos, policy, c, purpose);
  if (auto t = SurveyTemplateInForce(repos, inv.template_name)) {
    inv.template_version = t->version;
  }
  inv.channel = ToString(c.channel);
  inv.language = LanguageOf(c);
  inv.send_at = send_at;
  inv.created_at = now;
  inv.id = repos.surveys().InsertInvitation(inv);
  ScheduleDispatch(repos, inv.id, send_at, now);
  return inv.id;
}

void ScheduleDispatch(Repositories& repos, Id invitation_id, UnixMillis send_at, UnixMillis now) {
  ScheduleJobFor(repos, kSurveyDispatchJob, "survey", invitation_id, send_at, now);
}

std::string NewSurveyLink(Repositories& repos, const Context& ctx, const SurveyInvitation& inv) {
  const std::string secret = ctx.tokens.NewSecret("");
  repos.surveys().AddToken(ctx.tokens.Digest(secret), inv.id, ctx.clock.Now());
  return ctx.config.public_url + "/s/" + secret;
}

Status SurveyScheduler::OnChange(const ComplaintChange& change, Repositories& repos) {
  if (change.kind != ChangeKind::kStatusChanged) return Status::Ok();
  const Complaint& c = change.complaint;
  if (c.status == ComplaintStatus::kResolved) {
    const SurveyPolicy policy = SurveyPolicyInForce(repos);
    ScheduleSurvey(repos, ctx_, policy, c, "resolution",
                   change.at + policy.delay_minutes * core::kMinute);
  } else if (IsOpen(c.status) && change.from_status &&
             (*change.from_status == ComplaintStatus::kResolved ||
              *change.from_status == ComplaintStatus::kClosed)) {
    // Reopened: the customer is not done with us, so we do not ask how it went.
    for (SurveyInvitation inv : repos.surveys().InvitationsOf(c.id)) {
      if (inv.status != "scheduled" && !inv.Waiting()) continue;
      inv.status = "cancelled";
      inv.reason = "reopened";
      repos.surveys().UpdateInvitation(inv);
    }
  }
  return Status::Ok();
}

Status SurveyDispatchHandler::Run(const Job& job, Repositories& repos, JobFollowUp& follow_up) {
  auto id = PayloadId(job);
  if (!id) return Status::Invalid("payload", "a survey.dispatch payload is an invitation id");
  auto found = repos.surveys().FindInvitation(*id);
  if (!found) return Status::Ok();  // nothing left to do
  SurveyInvitation inv = *found;
  // A campaign's invitation has no complaint; a resolution survey's complaint must still exist.
  std::optional<Complaint> complaint;
  if (inv.complaint_id != 0) {
    complaint = repos.complaints().FindById(inv.complaint_id);
    if (!complaint) return Status::Ok();
  }
  const auto send = [&](bool reminder) {
    if (complaint) {
      SendSurvey(repos, ctx_, inv, *complaint, reminder);
    } else {
      SendRelationshipSurvey(repos, ctx_, inv, reminder);
    }
  };
  const UnixMillis now = ctx_.clock.Now();
  const SurveyPolicy policy = SurveyPolicyInForce(repos);
  const UnixMillis reminder = policy.reminder_after_hours * core::kHour;
  if (inv.status == "scheduled") {
    if (now < inv.send_at) {
      follow_up.run_again_at = inv.send_at;
      return Status::Ok();
    }
    if (complaint && complaint->status != ComplaintStatus::kResolved &&
        complaint->status != ComplaintStatus::kClosed) {
      inv.status = "cancelled";
      inv.reason = "not_resolved";
      repos.surveys().UpdateInvitation(inv);
      return Status::Ok();
    }
    if (auto skip = SkipReason(repos, policy, inv, now)) {
      inv.status = "skipped";
      inv.reason = *skip;
      repos.surveys().UpdateInvitation(inv);
      return Status::Ok();
    }
    inv.status = "sent";
    inv.sent_at = now;
    inv.expires_at = now + policy.expiry_days * core::kDay;
    repos.surveys().UpdateInvitation(inv);
    send(false);
    if (complaint) {
      const Principal system = SystemPrincipal();
      CL_RETURN_IF_ERROR(PublishChange(
          repos, ctx_, ComplaintChange{ChangeKind::kSurveySent, *complaint, system, now}));
    }
    follow_up.run_again_at =
        reminder > 0 && now + reminder < *inv.expires_at ? now + reminder : *inv.expires_at;
    return Status::Ok();
  }
  if (!inv.Waiting()) return Status::Ok();  // answered, cancelled …: the job is over
  if (inv.expires_at && now >= *inv.expires_at) {
    inv.status = "expired";
    repos.surveys().UpdateInvitation(inv);
    return Status::Ok();
  }
  if (inv.status == "sent" && reminder > 0 && inv.sent_at && now >= *inv.sent_at + reminder) {
    inv.status = "reminded";
    inv.reminded_at = now;
    repos.surveys().UpdateInvitation(inv);
    send(true);
  }
  follow_up.run_again_at = inv.status == "sent" && reminder > 0 && inv.sent_at
                               ? std::min(*inv.sent_at + reminder, inv.expires_at.value_or(now))
                               : inv.expires_at.value_or(now);
  return Status::Ok();
}

Status RecoveredCustomerHandler::Run(const Job& job, Repositories& repos, JobFollowUp&) {
  auto id = PayloadId(job);
  if (!id) return Status::Invalid("payload", "a survey.recovered payload is a complaint id");
  auto complaint = repos.complaints().FindById(*id);
  if (!complaint) return Status::Ok();
  const SurveyPolicy policy = SurveyPolicyInForce(repos);
  if (!policy.resurvey_recovered) return Status::Ok();
  ScheduleSurvey(repos, ctx_, policy, *complaint, "recovery",
                 ctx_.clock.Now() + policy.delay_minutes * core::kMinute);
  return Status::Ok();
}

}  // namespace closeloop::domain
