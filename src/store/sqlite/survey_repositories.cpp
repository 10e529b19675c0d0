// SQLite repository of satisfaction surveys: policy, invitations, link digests, answers and
// opt-outs.
#include <algorithm>

#include "core/text.h"
#include "domain/model/ids.h"
#include "domain/survey/entities.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

// `records`: every record of the person of customer ?, for the contact rules (opt-out, frequency)
// that protect the person whatever record a survey went to.
constexpr const char* kPersonRecords =
    "WITH person(id) AS (SELECT coalesce(person_id, id) FROM customers WHERE id = ?), "
    "records(id) AS (SELECT id FROM person UNION SELECT r.id FROM customers r JOIN person ON "
    "r.person_id = person.id) ";

std::optional<int> OptScore(const Query& q, int column) {
  auto v = q.OptInt(column);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<std::int64_t> Widen(const std::optional<int>& v) {
  return v ? std::optional<std::int64_t>(*v) : std::nullopt;
}

// The entities say 0 for "no complaint"; the column says NULL.
std::optional<Id> NoneIfZero(Id id) { return id ? std::optional<Id>(id) : std::nullopt; }

constexpr const char* kResponseColumns =
    "SELECT id, complaint_id, csat, nps, spm, effort, comment, comment_sentiment, "
    "comment_agitation, source, answered_at, invitation_id, taken_by, customer_id "
    "FROM survey_responses ";

domain::SurveyResponse ReadResponse(const Query& q) {
  domain::SurveyResponse s;
  s.id = q.Int(0);
  s.complaint_id = q.OptInt(1).value_or(0);
  s.csat = OptScore(q, 2);
  s.nps = OptScore(q, 3);
  s.spm = OptScore(q, 4);
  s.effort = OptScore(q, 5);
  s.comment = q.Text(6);
  s.comment_sentiment = q.Double(7);
  s.comment_agitation = static_cast<int>(q.Int(8));
  s.source = q.Text(9);
  s.answered_at = q.Int(10);
  s.invitation_id = q.OptInt(11);
  s.taken_by = q.OptInt(12);
  s.customer_id = q.OptInt(13);
  return s;
}

constexpr const char* kInvitationColumns =
    "SELECT id, complaint_id, customer_id, template, template_version, channel, language, "
    "status, reason, send_at, sent_at, reminded_at, expires_at, answered_at, created_at, "
    "purpose, campaign_id FROM survey_invitations ";

domain::SurveyInvitation ReadInvitation(const Query& q) {
  domain::SurveyInvitation i;
  i.id = q.Int(0);
  i.complaint_id = q.OptInt(1).value_or(0);
  i.customer_id = q.OptInt(2);
  i.template_name = q.Text(3);
  i.template_version = static_cast<int>(q.Int(4));
  i.channel = q.Text(5);
  i.language = q.Text(6);
  i.status = q.Text(7);
  i.reason = q.Text(8);
  i.send_at = q.Int(9);
  i.sent_at = q.OptInt(10);
  i.reminded_at = q.OptInt(11);
  i.expires_at = q.OptInt(12);
  i.answered_at = q.OptInt(13);
  i.created_at = q.Int(14);
  i.purpose = q.Text(15);
  i.campaign_id = q.OptInt(16);
  return i;
}

}  // namespace

Id SqliteSurveys::InsertSurveyResponse(const domain::SurveyResponse& s) {
  Query q(c_,
          "INSERT INTO survey_responses (complaint_id, csat, nps, spm, effort, comment, "
          "comment_sentiment, comment_agitation, source, answered_at, invitation_id, taken_by, "
          "customer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(NoneIfZero(s.complaint_id))
      .Bind(Widen(s.csat))
      .Bind(Widen(s.nps))
      .Bind(Widen(s.spm))
      .Bind(Widen(s.effort))
      .Bind(s.comment)
      .BindDouble(s.comment_sentiment)
      .Bind(s.comment_agitation)
      .Bind(s.source)
      .Bind(s.answered_at)
      .Bind(s.invitation_id)
      .Bind(s.taken_by)
      .Bind(s.customer_id)
      .Run();
  const Id id = c_.LastInsertId();
  // The answer per question: each score, and each reason code as a choice of "reasons".
  for (const auto& [question, score] : {std::pair{"csat", s.csat}, std::pair{"nps", s.nps},
                                        std::pair{"spm", s.spm}, std::pair{"ces", s.effort}}) {
    if (!score) continue;
    Query a(c_, "INSERT INTO survey_answers (response_id, question, score) VALUES (?, ?, ?)");
    a.Bind(id).Bind(question).Bind(*score).Run();
  }
  for (const std::string& reason : s.reasons) {
    Query a(c_,
            "INSERT OR IGNORE INTO survey_answers (response_id, question, choice) "
            "VALUES (?, 'reasons', ?)");
    a.Bind(id).Bind(reason).Run();
  }
  return id;
}

namespace {

void LoadReasons(Connection& c, domain::SurveyResponse& s) {
  Query q(c,
          "SELECT choice FROM survey_answers WHERE response_id = ? AND question = 'reasons' "
          "ORDER BY choice");
  q.Bind(s.id);
  while (q.Next()) s.reasons.push_back(q.Text(0));
}

}  // namespace

std::vector<domain::SurveyResponse> SqliteSurveys::SurveyResponsesOf(const std::vector<Id>& ids) {
  std::vector<domain::SurveyResponse> out;
  for (Id id : ids) {
    Query q(c_, std::string(kResponseColumns) +
                    "WHERE complaint_id = ? ORDER BY answered_at DESC, id DESC LIMIT 1");
    q.Bind(id);
    if (!q.Next()) continue;
    out.push_back(ReadResponse(q));
  }
  return out;
}

std::vector<domain::SurveyResponse> SqliteSurveys::ResponsesOfComplaint(Id complaint_id) {
  Query q(c_, std::string(kResponseColumns) + "WHERE complaint_id = ? ORDER BY answered_at, id");
  q.Bind(complaint_id);
  std::vector<domain::SurveyResponse> out;
  while (q.Next()) out.push_back(ReadResponse(q));
  for (auto& s : out) LoadReasons(c_, s);
  return out;
}

std::optional<domain::SurveyResponse> SqliteSurveys::FindResponse(Id id) {
  auto s = QueryOne<domain::SurveyResponse>(c_, std::string(kResponseColumns) + "WHERE id = ?", id,
                                            ReadResponse);
  if (s) LoadReasons(c_, *s);
  return s;
}

std::optional<domain::SurveyPolicy> SqliteSurveys::LoadPolicy() {
  Query q(c_,
          "SELECT delay_minutes, expiry_days, reminder_after_hours, callback_hours, "
          "max_per_period, period_days, min_gap_days, low_csat_at_most, low_nps_at_most, "
          "negative_comment_below, resurvey_recovered, default_template, first_time_template, "
          "vip_interview_days, recontact_days, recontact_unresolved_after_days "
          "FROM survey_policy WHERE id = 1");
  if (!q.Next()) return std::nullopt;
  domain::SurveyPolicy p;
  int column = 0;
  for (int* field : {&p.delay_minutes, &p.expiry_days, &p.reminder_after_hours, &p.callback_hours,
                     &p.max_per_period, &p.period_days, &p.min_gap_days, &p.low_csat_at_most,
                     &p.low_nps_at_most}) {
    *field = static_cast<int>(q.Int(column++));
  }
  p.negative_comment_below = q.Double(9);
  p.resurvey_recovered = q.Int(10) != 0;
  p.default_template = q.Text(11);
  p.first_time_template = q.Text(12);
  p.vip_interview_days = static_cast<int>(q.Int(13));
  p.recontact_days = static_cast<int>(q.Int(14));
  p.recontact_unresolved_after_days = static_cast<int>(q.Int(15));
  Query rules(c_,
              "SELECT channel, type, tier, template FROM survey_template_rules ORDER BY position");
  while (rules.Next()) {
    p.template_rules.push_back({rules.Text(0), rules.Text(1), rules.Text(2), rules.Text(3)});
  }
  Query sampling(c_, "SELECT channel, percent FROM survey_sampling ORDER BY channel");
  while (sampling.Next()) {
    p.sampling.emplace_back(sampling.Text(0), static_cast<int>(sampling.Int(1)));
  }
  return p;
}

void SqliteSurveys::SavePolicy(const domain::SurveyPolicy& p) {
  Query q(c_,
          "INSERT OR REPLACE INTO survey_policy (id, delay_minutes, expiry_days, "
          "reminder_after_hours, callback_hours, max_per_period, period_days, min_gap_days, "
          "low_csat_at_most, low_nps_at_most, negative_comment_below, resurvey_recovered, "
          "default_template, first_time_template, vip_interview_days, recontact_days, "
          "recontact_unresolved_after_days) "
          "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (int field :
       {p.delay_minutes, p.expiry_days, p.reminder_after_hours, p.callback_hours, p.max_per_period,
        p.period_days, p.min_gap_days, p.low_csat_at_most, p.low_nps_at_most}) {
    q.Bind(field);
  }
  q.BindDouble(p.negative_comment_below)
      .Bind(p.resurvey_recovered)
      .Bind(p.default_template)
      .Bind(p.first_time_template)
      .Bind(p.vip_interview_days)
      .Bind(p.recontact_days)
      .Bind(p.recontact_unresolved_after_days)
      .Run();
  Query(c_, "DELETE FROM survey_template_rules").Run();
  int position = 0;
  for (const auto& r : p.template_rules) {
    Query insert(c_,
                 "INSERT INTO survey_template_rules (position, channel, type, tier, template) "
                 "VALUES (?, ?, ?, ?, ?)");
    insert.Bind(++position).Bind(r.channel).Bind(r.type).Bind(r.tier).Bind(r.template_name).Run();
  }
  Query(c_, "DELETE FROM survey_sampling").Run();
  for (const auto& [channel, percent] : p.sampling) {
    Query insert(c_, "INSERT INTO survey_sampling (channel, percent) VALUES (?, ?)");
    insert.Bind(channel).Bind(percent).Run();
  }
}

Id SqliteSurveys::InsertInvitation(const domain::SurveyInvitation& i) {
  Query q(c_,
          "INSERT INTO survey_invitations (complaint_id, customer_id, template, template_version, "
          "channel, language, status, reason, send_at, created_at, purpose, campaign_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(NoneIfZero(i.complaint_id))
      .Bind(i.customer_id)
      .Bind(i.template_name)
      .Bind(i.template_version)
      .Bind(i.channel)
      .Bind(i.language)
      .Bind(i.status)
      .Bind(i.reason)
      .Bind(i.send_at)
      .Bind(i.created_at)
      .Bind(i.purpose)
      .Bind(i.campaign_id)
      .Run();
  return c_.LastInsertId();
}

void SqliteSurveys::UpdateInvitation(const domain::SurveyInvitation& i) {
  Query q(c_,
          "UPDATE survey_invitations SET template = ?, template_version = ?, language = ?, "
          "status = ?, reason = ?, send_at = ?, sent_at = ?, reminded_at = ?, expires_at = ?, "
          "answered_at = ? WHERE id = ?");
  q.Bind(i.template_name)
      .Bind(i.template_version)
      .Bind(i.language)
      .Bind(i.status)
      .Bind(i.reason)
      .Bind(i.send_at)
      .Bind(i.sent_at)
      .Bind(i.reminded_at)
      .Bind(i.expires_at)
      .Bind(i.answered_at)
      .Bind(i.id)
      .Run();
}

std::optional<domain::SurveyInvitation> SqliteSurveys::FindInvitation(Id id) {
  return QueryOne<domain::SurveyInvitation>(c_, std::string(kInvitationColumns) + "WHERE id = ?",
                                            id, ReadInvitation);
}

std::vector<domain::SurveyInvitation> SqliteSurveys::InvitationsOf(Id complaint_id) {
  Query q(c_, std::string(kInvitationColumns) + "WHERE complaint_id = ? ORDER BY id");
  q.Bind(complaint_id);
  std::vector<domain::SurveyInvitation> out;
  while (q.Next()) out.push_back(ReadInvitation(q));
  return out;
}

int SqliteSurveys::SentToCustomerSince(Id customer_id, UnixMillis since) {
  Query q(c_, std::string(kPersonRecords) +
                  "SELECT count(*) FROM survey_invitations WHERE customer_id IN records AND "
                  "sent_at >= ? "
                  "AND sent_at IS NOT NULL");
  q.Bind(customer_id).Bind(since);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

std::optional<UnixMillis> SqliteSurveys::LastSentToCustomer(Id customer_id) {
  Query q(c_, std::string(kPersonRecords) +
                  "SELECT max(sent_at) FROM survey_invitations WHERE customer_id IN records "
                  "AND sent_at IS NOT NULL");
  q.Bind(customer_id);
  return q.Next() ? q.OptInt(0) : std::nullopt;
}

void SqliteSurveys::AddToken(const std::string& digest, Id invitation_id, UnixMillis at) {
  Query q(c_, "INSERT INTO survey_tokens (digest, invitation_id, created_at) VALUES (?, ?, ?)");
  q.Bind(digest).Bind(invitation_id).Bind(at).Run();
}

std::optional<Id> SqliteSurveys::InvitationOfToken(const std::string& digest) {
  return QueryOne<Id>(c_, "SELECT invitation_id FROM survey_tokens WHERE digest = ?", digest,
                      [](const Query& q) { return q.Int(0); });
}

std::optional<domain::SurveyTemplate> SqliteSurveys::StoredTemplate(const std::string& name,
                                                                    std::optional<int> version) {
  Query v(
      c_,
      "SELECT max(version) FROM survey_templates WHERE name = ? AND (? IS NULL OR version = ?)");
  const std::optional<std::int64_t> wanted = Widen(version);
  v.Bind(name).Bind(wanted).Bind(wanted);
  if (!v.Next() || v.IsNull(0)) return std::nullopt;
  domain::SurveyTemplate t;
  t.name = name;
  t.version = static_cast<int>(v.Int(0));
  Query q(c_,
          "SELECT code, required, text_zh, text_en FROM survey_template_questions "
          "WHERE name = ? AND version = ? ORDER BY position");
  q.Bind(name).Bind(t.version);
  while (q.Next()) {
    t.questions.push_back({q.Text(0), q.Int(1) != 0, {{"zh-CN", q.Text(2)}, {"en", q.Text(3)}}});
  }
  return t;
}

std::vector<std::string> SqliteSurveys::StoredTemplateNames() {
  return QueryAll<std::string>(c_, "SELECT DISTINCT name FROM survey_templates ORDER BY name",
                               [](const Query& q) { return q.Text(0); });
}

void SqliteSurveys::SaveTemplate(const domain::SurveyTemplate& t, std::optional<Id> by,
                                 UnixMillis at) {
  Query q(c_,
          "INSERT INTO survey_templates (name, version, created_by, created_at) "
          "VALUES (?, ?, ?, ?)");
  q.Bind(t.name).Bind(t.version).Bind(by).Bind(at).Run();
  int position = 0;
  for (const auto& question : t.questions) {
    std::string zh, en;
    for (const auto& [language, text] : question.text) (language == "en" ? en : zh) = text;
    Query insert(c_,
                 "INSERT INTO survey_template_questions (name, version, position, code, required, "
                 "text_zh, text_en) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.Bind(t.name)
        .Bind(t.version)
        .Bind(++position)
        .Bind(question.code)
        .Bind(question.required)
        .Bind(zh)
        .Bind(en)
        .Run();
  }
}

namespace {

constexpr const char* kCampaignColumns =
    "SELECT id, name, template, tier, region_id, complained, within_days, status, created_by, "
    "created_at, started_at, closed_at FROM survey_campaigns ";

domain::SurveyCampaign ReadCampaign(const Query& q) {
  domain::SurveyCampaign c;
  c.id = q.Int(0);
  c.name = q.Text(1);
  c.template_name = q.Text(2);
  c.segment.tier = q.Text(3);
  c.segment.region_id = q.OptInt(4);
  c.segment.complained = q.Text(5);
  c.segment.within_days = static_cast<int>(q.Int(6));
  c.status = q.Text(7);
  c.created_by = q.OptInt(8);
  c.created_at = q.Int(9);
  c.started_at = q.OptInt(10);
  c.closed_at = q.OptInt(11);
  return c;
}

}  // namespace

Id SqliteSurveys::InsertCampaign(const domain::SurveyCampaign& c) {
  Query q(c_,
          "INSERT INTO survey_campaigns (name, template, tier, region_id, complained, "
          "within_days, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.Bind(c.name)
      .Bind(c.template_name)
      .Bind(c.segment.tier)
      .Bind(c.segment.region_id)
      .Bind(c.segment.complained)
      .Bind(c.segment.within_days)
      .Bind(c.status)
      .Bind(c.created_by)
      .Bind(c.created_at)
      .Run();
  return c_.LastInsertId();
}

void SqliteSurveys::UpdateCampaign(const domain::SurveyCampaign& c) {
  Query q(c_, "UPDATE survey_campaigns SET status = ?, started_at = ?, closed_at = ? WHERE id = ?");
  q.Bind(c.status).Bind(c.started_at).Bind(c.closed_at).Bind(c.id).Run();
}

std::optional<domain::SurveyCampaign> SqliteSurveys::FindCampaign(Id id) {
  return QueryOne<domain::SurveyCampaign>(c_, std::string(kCampaignColumns) + "WHERE id = ?", id,
                                          ReadCampaign);
}

std::vector<domain::SurveyCampaign> SqliteSurveys::Campaigns() {
  return QueryAll<domain::SurveyCampaign>(c_, std::string(kCampaignColumns) + "ORDER BY id DESC",
                                          ReadCampaign);
}

std::vector<Id> SqliteSurveys::CampaignAudience(const domain::CampaignSegment& s, UnixMillis now) {
  // "Complained recently": a complaint filed at or after now - within_days.
  const UnixMillis since = now - static_cast<UnixMillis>(s.within_days) * 86'400'000;
  Query q(c_,
          "SELECT id FROM customers k WHERE k.merged_into IS NULL "
          "AND (? = '' OR k.tier = ?) "
          "AND (? IS NULL OR EXISTS (SELECT 1 FROM complaints c WHERE c.customer_id = k.id "
          "AND c.region_id = ?)) "
          "AND (? = 'any' OR (? = 'yes') = EXISTS (SELECT 1 FROM complaints c "
          "WHERE c.customer_id = k.id AND c.received_at >= ?)) ORDER BY id");
  q.Bind(s.tier)
      .Bind(s.tier)
      .Bind(s.region_id)
      .Bind(s.region_id)
      .Bind(s.complained)
      .Bind(s.complained)
      .Bind(since);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<domain::SurveyInvitation> SqliteSurveys::InvitationsOfCampaign(Id campaign_id) {
  Query q(c_, std::string(kInvitationColumns) + "WHERE campaign_id = ? ORDER BY id");
  q.Bind(campaign_id);
  std::vector<domain::SurveyInvitation> out;
  while (q.Next()) out.push_back(ReadInvitation(q));
  return out;
}

std::vector<domain::SurveyResponse> SqliteSurveys::ResponsesOfCampaign(Id campaign_id) {
  Query q(c_, std::string(kResponseColumns) +
                  "WHERE invitation_id IN (SELECT id FROM survey_invitations WHERE campaign_id = "
                  "?) ORDER BY id");
  q.Bind(campaign_id);
  std::vector<domain::SurveyResponse> out;
  while (q.Next()) out.push_back(ReadResponse(q));
  return out;
}

std::vector<domain::NpsAroundComplaint> SqliteSurveys::NpsAroundComplaints(UnixMillis from,
                                                                           UnixMillis to) {
  Query q(c_,
          "SELECT id, customer_id, before, before_at, after, after_at FROM ("
          " SELECT c.id, c.customer_id,"
          "  (SELECT r.nps FROM survey_responses r WHERE r.customer_id = c.customer_id"
          "   AND r.complaint_id IS NULL AND r.nps IS NOT NULL AND r.answered_at < c.received_at"
          "   ORDER BY r.answered_at DESC, r.id DESC LIMIT 1) AS before,"
          "  (SELECT r.answered_at FROM survey_responses r WHERE r.customer_id = c.customer_id"
          "   AND r.complaint_id IS NULL AND r.nps IS NOT NULL AND r.answered_at < c.received_at"
          "   ORDER BY r.answered_at DESC, r.id DESC LIMIT 1) AS before_at,"
          "  (SELECT r.nps FROM survey_responses r WHERE r.customer_id = c.customer_id"
          "   AND r.nps IS NOT NULL AND r.answered_at >= c.resolved_at"
          "   ORDER BY r.answered_at, r.id LIMIT 1) AS after,"
          "  (SELECT r.answered_at FROM survey_responses r WHERE r.customer_id = c.customer_id"
          "   AND r.nps IS NOT NULL AND r.answered_at >= c.resolved_at"
          "   ORDER BY r.answered_at, r.id LIMIT 1) AS after_at"
          " FROM complaints c WHERE c.resolved_at >= ? AND c.resolved_at < ?"
          " AND c.customer_id IS NOT NULL"
          ") WHERE before IS NOT NULL AND after IS NOT NULL ORDER BY id");
  q.Bind(from).Bind(to);
  std::vector<domain::NpsAroundComplaint> out;
  while (q.Next()) {
    domain::NpsAroundComplaint n;
    n.complaint_id = q.Int(0);
    n.customer_id = q.Int(1);
    n.before = static_cast<int>(q.Int(2));
    n.before_at = q.Int(3);
    n.after = static_cast<int>(q.Int(4));
    n.after_at = q.Int(5);
    out.push_back(n);
  }
  return out;
}

std::vector<Id> SqliteSurveys::RecontactCandidates(UnixMillis filed_since, UnixMillis open_before,
                                                   int low_csat, int low_nps,
                                                   double negative_below) {
  // One re-contact per customer per window: none if any complaint of theirs has had one since.
  Query q(c_,
          "SELECT c.id FROM complaints c WHERE c.customer_id IS NOT NULL AND c.received_at >= ? "
          "AND ((c.status NOT IN ('resolved', 'closed', 'rejected') AND c.received_at <= ?) "
          "  OR EXISTS (SELECT 1 FROM survey_responses r WHERE r.complaint_id = c.id AND "
          "  (r.csat <= ? OR r.nps <= ? OR (r.comment <> '' AND r.comment_sentiment < ?)))) "
          "AND NOT EXISTS (SELECT 1 FROM department_tasks t JOIN complaints k ON k.id = "
          "  t.complaint_id WHERE k.customer_id = c.customer_id AND t.kind = 'recontact' AND "
          "  t.created_at >= ?) "
          "ORDER BY c.id");
  q.Bind(filed_since)
      .Bind(open_before)
      .Bind(low_csat)
      .Bind(low_nps)
      .BindDouble(negative_below)
      .Bind(filed_since);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<Id> SqliteSurveys::VipsDueForInterview(UnixMillis complained_since,
                                                   UnixMillis interviewed_since) {
  Query q(c_,
          "SELECT max(c.id) FROM complaints c JOIN customers k ON k.id = c.customer_id "
          "WHERE k.tier = 'vip' AND k.merged_into IS NULL AND c.received_at >= ? "
          "AND NOT EXISTS (SELECT 1 FROM department_tasks t JOIN complaints m ON m.id = "
          "  t.complaint_id WHERE m.customer_id = k.id AND t.kind = 'deep_interview' AND "
          "  t.created_at >= ?) "
          "GROUP BY k.id ORDER BY k.id");
  q.Bind(complained_since).Bind(interviewed_since);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

void SqliteSurveys::OptOut(Id customer_id, const std::string& via, UnixMillis at) {
  Query q(c_, "INSERT OR IGNORE INTO survey_opt_outs (customer_id, at, via) VALUES (?, ?, ?)");
  q.Bind(customer_id).Bind(at).Bind(via).Run();
}

bool SqliteSurveys::OptedOut(Id customer_id) {
  Query q(c_, std::string(kPersonRecords) +
                  "SELECT 1 FROM survey_opt_outs WHERE customer_id IN records");
  q.Bind(customer_id);
  return q.Next();
}

}  // namespace closeloop::store::sqlite
