// SQLite repositories for complaints, their events and their notes.
#include <variant>

#include "core/text.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {
namespace {

using domain::ComplaintStatus;

// Column order shared by reads, inserts and updates of complaints.
constexpr const char* kComplaintColumns =
    "id, reference, status, channel, external_id, customer_id, title, description, type, "
    "category, severity, safety_flag, remedy, remedy_detail, amount_claimed_cents, "
    "order_amount_cents, region_id, city_id, store_id, product_id, order_ref, order_id, "
    "order_item_id, batch_id, priority, team_id, "
    "assignee_id, escalation_level, reopen_count, rejection_reason, created_by, received_at, "
    "occurred_at, acknowledged_at, first_response_at, resolved_at, closed_at, updated_at, "
    "customer_match, sla_state, sla_due_at";

template <typename E>
std::optional<std::string> EnumOpt(const std::optional<E>& v) {
  if (!v) return std::nullopt;
  return std::string(ToString(*v));
}

Complaint ReadComplaint(const Query& q) {
  Complaint c;
  int i = 0;
  c.id = q.Int(i++);
  c.reference = q.Text(i++);
  c.status = ParseOr(q.Text(i++), domain::ParseComplaintStatus, ComplaintStatus::kReceived);
  c.channel = ParseOr(q.Text(i++), domain::ParseChannel, domain::Channel::kApi);
  c.external_id = q.Text(i++);
  c.customer_id = q.OptInt(i++);
  c.title = q.Text(i++);
  c.description = q.Text(i++);
  c.type = ParseOpt<domain::ComplaintType>(q.OptText(i++), domain::ParseComplaintType);
  c.category = q.Text(i++);
  c.severity = ParseOr(q.Text(i++), domain::ParseSeverity, domain::Severity::kMedium);
  c.safety_flag = q.Int(i++) != 0;
  c.remedy = ParseOpt<domain::Remedy>(q.OptText(i++), domain::ParseRemedy);
  c.remedy_detail = q.Text(i++);
  c.amount_claimed_cents = q.OptInt(i++);
  c.order_amount_cents = q.OptInt(i++);
  c.region_id = q.OptInt(i++);
  c.city_id = q.OptInt(i++);
  c.store_id = q.OptInt(i++);
  c.product_id = q.OptInt(i++);
  c.order_ref = q.Text(i++);
  c.order_id = q.OptInt(i++);
  c.order_item_id = q.OptInt(i++);
  c.batch_id = q.OptInt(i++);
  c.priority = ParseOr(q.Text(i++), domain::ParsePriority, domain::Priority::kNormal);
  c.team_id = q.OptInt(i++);
  c.assignee_id = q.OptInt(i++);
  c.escalation_level = static_cast<int>(q.Int(i++));
  c.reopen_count = static_cast<int>(q.Int(i++));
  c.rejection_reason = q.Text(i++);
  c.created_by = q.OptInt(i++);
  c.received_at = q.Int(i++);
  c.occurred_at = q.OptInt(i++);
  c.acknowledged_at = q.OptInt(i++);
  c.first_response_at = q.OptInt(i++);
  c.resolved_at = q.OptInt(i++);
  c.closed_at = q.OptInt(i++);
  c.updated_at = q.Int(i++);
  c.customer_match = q.Text(i++);
  c.sla_state = q.Text(i++);
  c.sla_due_at = q.OptInt(i++);
  return c;
}

// Binds every column after `id` in kComplaintColumns order.
void BindComplaint(Query& q, const Complaint& c) {
  q.Bind(c.reference)
      .Bind(ToString(c.status))
      .Bind(ToString(c.channel))
      .Bind(c.external_id)
      .Bind(c.customer_id)
      .Bind(c.title)
      .Bind(c.description)
      .Bind(EnumOpt(c.type))
      .Bind(c.category)
      .Bind(ToString(c.severity))
      .Bind(c.safety_flag)
      .Bind(EnumOpt(c.remedy))
      .Bind(c.remedy_detail)
      .Bind(c.amount_claimed_cents)
      .Bind(c.order_amount_cents)
      .Bind(c.region_id)
      .Bind(c.city_id)
      .Bind(c.store_id)
      .Bind(c.product_id)
      .Bind(c.order_ref)
      .Bind(c.order_id)
      .Bind(c.order_item_id)
      .Bind(c.batch_id)
      .Bind(ToString(c.priority))
      .Bind(c.team_id)
      .Bind(c.assignee_id)
      .Bind(c.escalation_level)
      .Bind(c.reopen_count)
      .Bind(c.rejection_reason)
      .Bind(c.created_by)
      .Bind(c.received_at)
      .Bind(c.occurred_at)
      .Bind(c.acknowledged_at)
      .Bind(c.first_response_at)
      .Bind(c.resolved_at)
      .Bind(c.closed_at)
      .Bind(c.updated_at)
      .Bind(c.customer_match)
      .Bind(c.sla_state)
      .Bind(c.sla_due_at);
}

const std::string& InsertComplaintSql() {
  static const std::string sql = [] {
    std::string columns = std::string(kComplaintColumns).substr(4);  // without "id, "
    std::string marks = "?";
    for (char ch : columns) {
      if (ch == ',') marks += ", ?";
    }
    return "INSERT INTO complaints (" + columns + ") VALUES (" + marks + ")";
  }();
  return sql;
}

const std::string& UpdateComplaintSql() {
  static const std::string sql = [] {
    std::string columns = std::string(kComplaintColumns).substr(4);
    std::string sets;
    size_t start = 0;
    while (start < columns.size()) {
      size_t comma = columns.find(',', start);
      std::string name =
          columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      sets += (sets.empty() ? "" : ", ") + name + " = ?";
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    return "UPDATE complaints SET " + sets + " WHERE id = ?";
  }();
  return sql;
}

const std::string kSelectComplaint =
    std::string("SELECT ") + kComplaintColumns + " FROM complaints c";

using Param = std::variant<std::int64_t, std::string>;

void BindAll(Query& q, const std::vector<Param>& params) {
  for (const Param& p : params) {
    if (std::holds_alternative<std::int64_t>(p)) {
      q.Bind(std::get<std::int64_t>(p));
    } else {
      q.Bind(std::get<std::string>(p));
    }
  }
}

// Escapes a term for an FTS5 phrase query.
std::string FtsPhrase(const std::string& term) {
  std::string out = "\"";
  for (char ch : term) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Splits a query on ASCII whitespace and the ideographic space U+3000.
std::vector<std::string> SearchTerms(const std::string& query) {
  const std::string_view ideographic_space = "\u3000";
  std::string text;
  text.reserve(query.size());
  for (size_t i = 0; i < query.size();) {
    if (std::string_view(query).substr(i, ideographic_space.size()) == ideographic_space) {
      text += ' ';
      i += ideographic_space.size();
    } else {
      text += query[i++];
    }
  }
  std::vector<std::string> terms;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(" \t\r\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) terms.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return terms;
}

}  // namespace

std::string ScopeCondition(const Principal& scope, std::vector<std::int64_t>& params) {
  if (scope.Unscoped()) return {};
  std::string cond = "(c.assignee_id = ?";
  params.push_back(scope.user_id);
  // Managers work the triage queue (complaint.triage in domain::Policy): unplaced complaints.
  if (scope.role == domain::Role::kManager)
    cond += " OR (c.region_id IS NULL AND c.team_id IS NULL)";
  if (!scope.region_scope.empty()) {
    cond += " OR c.region_id IN (";
    for (size_t i = 0; i < scope.region_scope.size(); ++i) {
      cond += i ? ", ?" : "?";
      params.push_back(scope.region_scope[i]);
    }
    cond += ")";
  }
  if (!scope.team_scope.empty()) {
    std::string teams;
    for (size_t i = 0; i < scope.team_scope.size(); ++i) teams += i ? ", ?" : "?";
    // A team sees its complaints and, for a department team, those its tasks are about.
    cond += " OR c.team_id IN (" + teams +
            ") OR EXISTS (SELECT 1 FROM department_tasks t WHERE t.complaint_id = c.id AND "
            "t.team_id IN (" +
            teams + "))";
    for (int pass = 0; pass < 2; ++pass) {
      for (Id team : scope.team_scope) params.push_back(team);
    }
  }
  return cond + ")";
}

Id SqliteComplaints::Insert(const Complaint& complaint) {
  Query q(c_, InsertComplaintSql());
  BindComplaint(q, complaint);
  q.Run();
  return c_.LastInsertId();
}

void SqliteComplaints::SetSlaStanding(Id id, const std::string& state,
                                      std::optional<UnixMillis> due) {
  Query q(c_, "UPDATE complaints SET sla_state = ?, sla_due_at = ? WHERE id = ?");
  q.Bind(state).Bind(due).Bind(id).Run();
}

void SqliteComplaints::Update(const Complaint& complaint) {
  Query q(c_, UpdateComplaintSql());
  BindComplaint(q, complaint);
  q.Bind(complaint.id);
  q.Run();
}

std::vector<Complaint> SqliteComplaints::FindByIds(const std::vector<Id>& ids) {
  std::vector<Complaint> out;
  for (Id id : ids) {
    if (auto c = FindById(id)) out.push_back(std::move(*c));
  }
  return out;
}

std::optional<Complaint> SqliteComplaints::FindById(Id id) {
  return QueryOne<Complaint>(c_, kSelectComplaint + " WHERE id = ?", id, ReadComplaint);
}

std::optional<Complaint> SqliteComplaints::FindByReference(const std::string& reference) {
  return QueryOne<Complaint>(c_, kSelectComplaint + " WHERE reference = ?", reference,
                             ReadComplaint);
}

std::vector<Complaint> SqliteComplaints::List(const ComplaintQuery& query, const Principal& scope) {
  std::vector<std::string> conditions;
  std::vector<Param> params;
  if (!query.statuses.empty()) {
    std::string in;
    for (ComplaintStatus s : query.statuses) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(std::string(ToString(s)));
    }
    conditions.push_back("c.status IN (" + in + ")");
  }
  auto equals = [&](const char* column, Param value) {
    conditions.push_back(std::string(column) + " = ?");
    params.push_back(std::move(value));
  };
  if (query.type) equals("c.type", std::string(ToString(*query.type)));
  if (!query.category.empty()) equals("c.category", query.category);
  if (query.team_id) equals("c.team_id", *query.team_id);
  if (query.assignee_id) equals("c.assignee_id", *query.assignee_id);
  if (query.region_id) equals("c.region_id", *query.region_id);
  if (query.customer_id) equals("c.customer_id", *query.customer_id);
  if (query.channel) equals("c.channel", std::string(ToString(*query.channel)));
  if (query.priority) equals("c.priority", std::string(ToString(*query.priority)));
  if (query.escalated)
    conditions.push_back(*query.escalated ? "c.escalation_level > 0" : "c.escalation_level = 0");
  if (query.received_from) {
    conditions.push_back("c.received_at >= ?");
    params.emplace_back(*query.received_from);
  }
  if (query.received_to) {
    conditions.push_back("c.received_at < ?");
    params.emplace_back(*query.received_to);
  }
  // Every term must occur (case-insensitively for ASCII). Terms of three or more characters
  // use the trigram index for indexed rows and scan only the rows above its watermark.
  // A term matches in either script: any of its variants (query.term_variants) may occur.
  for (const std::string& term : SearchTerms(query.text)) {
    auto found = query.term_variants.find(term);
    const std::vector<std::string> variants =
        found == query.term_variants.end() ? std::vector<std::string>{term} : found->second;
    std::string any;
    for (const std::string& variant : variants) {
      const std::string in_text =
          "(instr(lower(t.title), lower(?)) > 0 OR instr(lower(t.description), lower(?)) > 0)";
      if (CodePoints(variant) >= 3) {
        any += std::string(any.empty() ? "" : " OR ") +
               "c.id IN (SELECT rowid FROM complaints_fts WHERE complaints_fts MATCH ? UNION ALL "
               "SELECT t.id FROM complaints t WHERE t.id > (SELECT indexed_upto FROM "
               "search_index_state WHERE id = 1) AND " +
               in_text + ")";
        params.emplace_back(FtsPhrase(variant));
      } else {
        any += std::string(any.empty() ? "" : " OR ") +
               "(instr(lower(c.title), lower(?)) > 0 OR instr(lower(c.description), lower(?)) > 0)";
      }
      params.emplace_back(variant);
      params.emplace_back(variant);
    }
    // A reference number, or its beginning (CL-20261207), finds complaints by reference too.
    if (term.size() >= 3 && core::AsciiUpper(term.substr(0, 3)) == "CL-") {
      any += " OR (c.reference >= ? AND c.reference < ?)";
      params.emplace_back(core::AsciiUpper(term));
      params.emplace_back(core::AsciiUpper(term) + "\x7f");
    }
    conditions.push_back("(" + any + ")");
  }
  if (query.triage) conditions.push_back("c.region_id IS NULL AND c.team_id IS NULL");
  if (!query.sla_states.empty()) {
    std::string in;
    for (const std::string& s : query.sla_states) {
      in += in.empty() ? "?" : ", ?";
      params.emplace_back(s);
    }
    conditions.push_back("c.sla_state IN (" + in + ")");
  }
  if (query.after && query.sort_by_sla) {
    if (query.after->sla_due_at) {
      conditions.push_back(
          "(c.sla_due_at IS NULL OR c.sla_due_at > ? OR (c.sla_due_at = ? AND c.id > ?))");
      params.emplace_back(*query.after->sla_due_at);
      params.emplace_back(*query.after->sla_due_at);
    } else {
      conditions.push_back("(c.sla_due_at IS NULL AND c.id > ?)");
    }
    params.emplace_back(query.after->id);
  } else if (query.after) {
    conditions.push_back("(c.received_at < ? OR (c.received_at = ? AND c.id < ?))");
    params.emplace_back(query.after->received_at);
    params.emplace_back(query.after->received_at);
    params.emplace_back(query.after->id);
  }
  std::vector<std::int64_t> scope_params;
  std::string scope_condition = ScopeCondition(scope, scope_params);
  if (!scope_condition.empty()) {
    conditions.push_back(scope_condition);
    for (std::int64_t p : scope_params) params.emplace_back(p);
  }
  std::string sql = kSelectComplaint;
  for (size_t i = 0; i < conditions.size(); ++i) {
    sql += (i ? " AND " : " WHERE ") + conditions[i];
  }
  // Most urgent first: the nearest deadline (breached ones lie in the past), unwatched last.
  sql += query.sort_by_sla ? " ORDER BY c.sla_due_at IS NULL, c.sla_due_at, c.id LIMIT ?"
                           : " ORDER BY c.received_at DESC, c.id DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(query.limit));
  Query q(c_, sql);
  BindAll(q, params);
  std::vector<Complaint> out;
  while (q.Next()) out.push_back(ReadComplaint(q));
  return out;
}

std::int64_t SqliteComplaints::NextReferenceSequence(const std::string& day) {
  Query q(c_,
          "INSERT INTO reference_counters (day, last) VALUES (?, 1) "
          "ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last");
  q.Bind(day);
  if (!q.Next()) throw StoreError("reference counter returned nothing");
  std::int64_t value = q.Int(0);
  q.Run();
  return value;
}

std::vector<Complaint> SqliteComplaints::ListForCustomer(Id customer_id, int limit) {
  Query q(c_,
          kSelectComplaint + " WHERE customer_id = ? ORDER BY received_at DESC, id DESC LIMIT ?");
  q.Bind(customer_id).Bind(limit);
  std::vector<Complaint> out;
  while (q.Next()) out.push_back(ReadComplaint(q));
  return out;
}

Id SqliteEvents::Append(const ComplaintEvent& e) {
  {
    Query q(c_,
            "INSERT INTO complaint_events (complaint_id, kind, actor_id, from_status, to_status, "
            "note, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.Bind(e.complaint_id)
        .Bind(ToString(e.kind))
        .Bind(e.actor_id)
        .Bind(EnumOpt(e.from_status))
        .Bind(EnumOpt(e.to_status))
        .Bind(e.note)
        .Bind(e.at);
    q.Run();
  }
  Id id = c_.LastInsertId();
  for (const domain::FieldChange& change : e.changes) {
    Query q(c_,
            "INSERT INTO complaint_event_changes (event_id, field, old_value, new_value) "
            "VALUES (?, ?, ?, ?)");
    q.Bind(id).Bind(change.field).Bind(change.old_value).Bind(change.new_value);
    q.Run();
  }
  return id;
}

std::vector<ComplaintEvent> SqliteEvents::ListForComplaint(Id complaint_id) {
  std::vector<ComplaintEvent> events;
  {
    Query q(c_,
            "SELECT e.id, e.complaint_id, e.kind, e.actor_id, coalesce(u.username, ''), "
            "e.from_status, e.to_status, e.note, e.at FROM complaint_events e "
            "LEFT JOIN users u ON u.id = e.actor_id WHERE e.complaint_id = ? ORDER BY e.id");
    q.Bind(complaint_id);
    while (q.Next()) {
      ComplaintEvent e;
      e.id = q.Int(0);
      e.complaint_id = q.Int(1);
      e.kind = ParseOr(q.Text(2), domain::ParseEventKind, domain::EventKind::kUpdated);
      e.actor_id = q.OptInt(3);
      e.actor_name = q.Text(4);
      e.from_status = ParseOpt<ComplaintStatus>(q.OptText(5), domain::ParseComplaintStatus);
      e.to_status = ParseOpt<ComplaintStatus>(q.OptText(6), domain::ParseComplaintStatus);
      e.note = q.Text(7);
      e.at = q.Int(8);
      events.push_back(std::move(e));
    }
  }
  Query q(
      c_,
      "SELECT ch.event_id, ch.field, ch.old_value, ch.new_value FROM complaint_event_changes ch "
      "JOIN complaint_events e ON e.id = ch.event_id WHERE e.complaint_id = ? "
      "ORDER BY ch.event_id, ch.rowid");
  q.Bind(complaint_id);
  size_t at = 0;
  while (q.Next()) {
    Id event_id = q.Int(0);
    while (at < events.size() && events[at].id != event_id) ++at;
    if (at == events.size()) break;
    events[at].changes.push_back({q.Text(1), q.Text(2), q.Text(3)});
  }
  return events;
}

Id SqliteNotes::Insert(const Note& note) {
  Query q(c_,
          "INSERT INTO complaint_notes (complaint_id, author_id, visibility, body, created_at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(note.complaint_id)
      .Bind(note.author_id)
      .Bind(ToString(note.visibility))
      .Bind(note.body)
      .Bind(note.created_at);
  q.Run();
  return c_.LastInsertId();
}

std::vector<Note> SqliteNotes::ListForComplaint(Id complaint_id) {
  Query q(c_,
          "SELECT n.id, n.complaint_id, n.author_id, coalesce(u.username, ''), n.visibility, "
          "n.body, n.created_at FROM complaint_notes n LEFT JOIN users u ON u.id = n.author_id "
          "WHERE n.complaint_id = ? ORDER BY n.id");
  q.Bind(complaint_id);
  std::vector<Note> notes;
  while (q.Next()) {
    Note n;
    n.id = q.Int(0);
    n.complaint_id = q.Int(1);
    n.author_id = q.OptInt(2);
    n.author_name = q.Text(3);
    n.visibility =
        ParseOr(q.Text(4), domain::ParseNoteVisibility, domain::NoteVisibility::kInternal);
    n.body = q.Text(5);
    n.created_at = q.Int(6);
    notes.push_back(std::move(n));
  }
  return notes;
}

}  // namespace closeloop::store::sqlite
