// SQLite repository of trained model versions and of the labelled examples for retraining.
#include "domain/analysis/entities.h"
#include "domain/model/ids.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

constexpr const char* kModelColumns =
    "SELECT id, task, version, path, source, training_rows, holdout_rows, holdout_accuracy, "
    "rules_accuracy, threshold, active, created_at FROM text_models ";

std::optional<double> OptDouble(const Query& q, int column) {
  return q.IsNull(column) ? std::nullopt : std::optional<double>(q.Double(column));
}

domain::ModelVersion ReadModel(const Query& q) {
  domain::ModelVersion m;
  m.id = q.Int(0);
  m.task = q.Text(1);
  m.version = static_cast<int>(q.Int(2));
  m.path = q.Text(3);
  m.source = q.Text(4);
  m.training_rows = static_cast<int>(q.Int(5));
  m.holdout_rows = static_cast<int>(q.Int(6));
  m.holdout_accuracy = OptDouble(q, 7);
  m.rules_accuracy = OptDouble(q, 8);
  m.threshold = q.Double(9);
  m.active = q.Int(10) != 0;
  m.created_at = q.Int(11);
  return m;
}

}  // namespace

Id SqliteModels::Insert(const domain::ModelVersion& m) {
  Query q(c_,
          "INSERT INTO text_models (task, version, path, source, training_rows, holdout_rows, "
          "holdout_accuracy, rules_accuracy, threshold, active, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
  q.Bind(m.task)
      .Bind(m.version)
      .Bind(m.path)
      .Bind(m.source)
      .Bind(m.training_rows)
      .Bind(m.holdout_rows);
  if (m.holdout_accuracy) {
    q.BindDouble(*m.holdout_accuracy);
  } else {
    q.BindNull();
  }
  if (m.rules_accuracy) {
    q.BindDouble(*m.rules_accuracy);
  } else {
    q.BindNull();
  }
  q.BindDouble(m.threshold).Bind(m.created_at).Run();
  return c_.LastInsertId();
}

int SqliteModels::NextVersion(const std::string& task) {
  auto v =
      QueryOne<std::int64_t>(c_, "SELECT coalesce(max(version), 0) FROM text_models WHERE task = ?",
                             task, [](const Query& q) { return q.Int(0); });
  return static_cast<int>(v.value_or(0)) + 1;
}

std::optional<domain::ModelVersion> SqliteModels::Find(Id id) {
  return QueryOne<domain::ModelVersion>(c_, std::string(kModelColumns) + "WHERE id = ?", id,
                                        ReadModel);
}

std::optional<domain::ModelVersion> SqliteModels::Active(const std::string& task) {
  return QueryOne<domain::ModelVersion>(
      c_, std::string(kModelColumns) + "WHERE task = ? AND active = 1", task, ReadModel);
}

std::vector<domain::ModelVersion> SqliteModels::List(const std::string& task) {
  Query q(c_, std::string(kModelColumns) + "WHERE ? = '' OR task = ? ORDER BY id DESC");
  q.Bind(task).Bind(task);
  std::vector<domain::ModelVersion> out;
  while (q.Next()) out.push_back(ReadModel(q));
  return out;
}

void SqliteModels::Activate(const std::string& task, std::optional<Id> id) {
  Query off(c_, "UPDATE text_models SET active = 0 WHERE task = ? AND active = 1");
  off.Bind(task).Run();
  if (!id) return;
  Query on(c_, "UPDATE text_models SET active = 1 WHERE id = ? AND task = ?");
  on.Bind(*id).Bind(task).Run();
}

void SqliteModels::SetThreshold(Id id, double threshold) {
  Query q(c_, "UPDATE text_models SET threshold = ? WHERE id = ?");
  q.BindDouble(threshold).Bind(id).Run();
}

std::vector<std::pair<std::string, std::string>> SqliteModels::LabelledExamples(
    const std::string& task, int limit) {
  const std::string sql =
      task == "type" ? "SELECT title, description, type FROM complaints WHERE type IS NOT NULL "
                       "ORDER BY id LIMIT ?"
                     : "SELECT title, description, category FROM complaints WHERE category <> '' "
                       "ORDER BY id LIMIT ?";
  Query q(c_, sql);
  q.Bind(limit);
  std::vector<std::pair<std::string, std::string>> out;
  while (q.Next()) out.emplace_back(q.Text(0) + "\n" + q.Text(1), q.Text(2));
  return out;
}

std::vector<std::string> SqliteModels::RecentTexts(int limit) {
  Query q(c_, "SELECT title, description FROM complaints ORDER BY id DESC LIMIT ?");
  q.Bind(limit);
  std::vector<std::string> out;
  while (q.Next()) out.push_back(q.Text(0) + "\n" + q.Text(1));
  return out;
}

}  // namespace closeloop::store::sqlite
