// The JSON shapes of trained models and jobs.
#include "http/handlers/model_json.h"

#include <cmath>
#include <cstdint>

#include "core/time_format.h"
#include "http/json_reader.h"

namespace closeloop::http {

using json = nlohmann::ordered_json;
namespace d = domain;

namespace {

json OptRatio(const std::optional<double>& v) {
  return v ? json(std::round(*v * 10000) / 10000) : json(nullptr);
}

}  // namespace

json ModelJson(const d::ModelVersion& m) {
  return {{"id", m.id},
          {"task", m.task},
          {"version", m.version},
          {"source", m.source},
          {"training_rows", m.training_rows},
          {"holdout_rows", m.holdout_rows},
          {"holdout_accuracy", OptRatio(m.holdout_accuracy)},
          {"rules_accuracy", OptRatio(m.rules_accuracy)},
          {"threshold", m.threshold},
          {"active", m.active},
          {"created_at", core::FormatIso8601(m.created_at)}};
}

json JobJson(const d::Job& j) {
  return {
      {"id", j.id},
      {"kind", j.kind},
      {"key", j.key},
      {"status", d::ToString(j.status)},
      {"run_at", core::FormatIso8601(j.run_at)},
      {"attempts", j.attempts},
      {"max_attempts", j.max_attempts},
      {"last_error", j.last_error},
      {"claimed_by", j.claimed_by},
      {"created_at", core::FormatIso8601(j.created_at)},
      {"finished_at", j.finished_at ? json(core::FormatIso8601(*j.finished_at)) : json(nullptr)}};
}

}  // namespace closeloop::http
