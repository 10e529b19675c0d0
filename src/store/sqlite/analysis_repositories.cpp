// SQLite repository for text analysis results and the pipeline watermark.
#include <sstream>

#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

std::vector<Complaint> SqliteAnalysis::Pending(int limit) {
  Query q(c_,
          "SELECT id FROM complaints WHERE id > "
          "(SELECT analyzed_upto FROM analysis_state WHERE id = 1) ORDER BY id LIMIT ?");
  q.Bind(limit);
  std::vector<Id> ids;
  while (q.Next()) ids.push_back(q.Int(0));
  return SqliteComplaints(c_).FindByIds(ids);
}

std::vector<std::pair<Id, std::uint64_t>> SqliteAnalysis::Fingerprints() {
  Query q(c_, "SELECT complaint_id, fingerprint FROM complaint_analysis ORDER BY complaint_id");
  std::vector<std::pair<Id, std::uint64_t>> out;
  while (q.Next()) out.emplace_back(q.Int(0), static_cast<std::uint64_t>(q.Int(1)));
  return out;
}

std::vector<Complaint> SqliteAnalysis::Texts(const std::vector<Id>& ids) {
  std::vector<Complaint> out;
  for (Id id : ids) {
    Query q(c_, "SELECT id, title, description FROM complaints WHERE id = ?");
    q.Bind(id);
    if (!q.Next()) continue;
    Complaint c;
    c.id = q.Int(0);
    c.title = q.Text(1);
    c.description = q.Text(2);
    out.push_back(std::move(c));
  }
  return out;
}

int SqliteAnalysis::CountRepeats(const Complaint& c, const std::string& category,
                                 UnixMillis window) {
  Query q(c_,
          "SELECT count(*) FROM complaints e LEFT JOIN complaint_analysis a "
          "ON a.complaint_id = e.id WHERE e.customer_id = ? AND e.id <> ? "
          "AND e.received_at >= ? AND e.received_at <= ? "
          "AND ((e.product_id IS NOT NULL AND e.product_id = ?) OR (? <> '' AND e.order_ref = ?)) "
          "AND coalesce(nullif(e.category, ''), a.suggested_category, '') = ?");
  q.Bind(c.customer_id)
      .Bind(c.id)
      .Bind(c.received_at - window)
      .Bind(c.received_at)
      .Bind(c.product_id)
      .Bind(c.order_ref)
      .Bind(c.order_ref)
      .Bind(category);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

int SqliteAnalysis::CountDuplicatesOf(Id original) {
  Query q(c_, "SELECT count(*) FROM complaint_analysis WHERE duplicate_of = ?");
  q.Bind(original);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

void SqliteAnalysis::Save(const std::vector<std::pair<Id, domain::TextAnalysis>>& results) {
  Id highest = 0;
  for (const auto& [id, a] : results) {
    Query q(c_,
            "INSERT OR REPLACE INTO complaint_analysis (complaint_id, sentiment, agitation, "
            "suggested_type, type_confidence, suggested_category, category_confidence, flags, "
            "rules_fired, fingerprint, duplicate_of, analyzed_at, sources) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(id).BindDouble(a.sentiment).Bind(a.agitation);
    if (a.suggested_type) {
      q.Bind(ToString(*a.suggested_type));
    } else {
      q.BindNull();
    }
    q.BindDouble(a.type_confidence)
        .Bind(a.suggested_category)
        .BindDouble(a.category_confidence)
        .Bind(Join(a.flags))
        .Bind(Join(a.rules_fired))
        .Bind(static_cast<std::int64_t>(a.fingerprint))
        .Bind(a.duplicate_of)
        .Bind(a.analyzed_at)
        .Bind(a.sources);
    q.Run();
    highest = std::max(highest, id);
  }
  Query w(c_, "UPDATE analysis_state SET analyzed_upto = max(analyzed_upto, ?) WHERE id = 1");
  w.Bind(highest);
  w.Run();
}

std::vector<UnixMillis> SqliteAnalysis::HandlingTimes(const std::string& category,
                                                      std::optional<domain::ComplaintType> type,
                                                      UnixMillis before, int limit) {
  Query q(c_,
          "SELECT resolved_at - received_at FROM complaints WHERE resolved_at IS NOT NULL "
          "AND resolved_at < ? AND (? = '' OR category = ?) AND (? = '' OR type = ?) "
          "ORDER BY id DESC LIMIT ?");
  const std::string t = type ? domain::ToString(*type) : "";
  q.Bind(before).Bind(category).Bind(category).Bind(t).Bind(t).Bind(limit);
  std::vector<UnixMillis> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::optional<domain::TextAnalysis> SqliteAnalysis::Find(Id complaint_id) {
  return QueryOne<domain::TextAnalysis>(
      c_,
      "SELECT sentiment, agitation, suggested_type, type_confidence, suggested_category, "
      "category_confidence, flags, rules_fired, analyzed_at, fingerprint, duplicate_of, sources "
      "FROM complaint_analysis "
      "WHERE complaint_id = ?",
      complaint_id, [](const Query& q) {
        domain::TextAnalysis a;
        a.sentiment = q.Double(0);
        a.agitation = static_cast<int>(q.Int(1));
        if (auto t = q.OptText(2)) a.suggested_type = domain::ParseComplaintType(*t);
        a.type_confidence = q.Double(3);
        a.suggested_category = q.Text(4);
        a.category_confidence = q.Double(5);
        a.flags = SplitWords(q.Text(6));
        a.rules_fired = SplitWords(q.Text(7));
        a.analyzed_at = q.Int(8);
        a.fingerprint = static_cast<std::uint64_t>(q.Int(9));
        a.duplicate_of = q.OptInt(10);
        a.sources = q.Text(11);
        return a;
      });
}

}  // namespace closeloop::store::sqlite
