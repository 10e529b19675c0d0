#include "text/evaluation.h"

#include <cstdio>
#include <set>

namespace closeloop::text {

namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

void ConfusionMatrix::Add(const std::string& truth, const std::string& predicted) {
  ++cells_[{truth, predicted}];
  ++total_;
}

std::vector<std::string> ConfusionMatrix::Labels() const {
  std::set<std::string> labels;
  for (const auto& [key, n] : cells_) {
    labels.insert(key.first);
    labels.insert(key.second);
  }
  return {labels.begin(), labels.end()};
}

int ConfusionMatrix::Count(const std::string& truth, const std::string& predicted) const {
  auto it = cells_.find({truth, predicted});
  return it == cells_.end() ? 0 : it->second;
}

double ConfusionMatrix::Accuracy() const {
  if (total_ == 0) return 0;
  int right = 0;
  for (const auto& [key, n] : cells_) {
    if (key.first == key.second) right += n;
  }
  return static_cast<double>(right) / total_;
}

std::vector<ConfusionMatrix::ClassScores> ConfusionMatrix::PerClass() const {
  std::vector<ClassScores> out;
  for (const std::string& label : Labels()) {
    int tp = Count(label, label), predicted = 0, actual = 0;
    for (const auto& [key, n] : cells_) {
      if (key.second == label) predicted += n;
      if (key.first == label) actual += n;
    }
    ClassScores s;
    s.label = label;
    s.support = actual;
    s.precision = predicted ? static_cast<double>(tp) / predicted : 0;
    s.recall = actual ? static_cast<double>(tp) / actual : 0;
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
    out.push_back(s);
  }
  return out;
}

double ConfusionMatrix::MacroF1() const {
  double sum = 0;
  int classes = 0;
  for (const auto& s : PerClass()) {
    if (s.support == 0) continue;  // a label only ever predicted does not count as a class
    sum += s.f1;
    ++classes;
  }
  return classes ? sum / classes : 0;
}

std::string ConfusionMatrix::Report(bool json) const {
  const auto labels = Labels();
  const auto classes = PerClass();
  std::string out;
  if (json) {
    out = "{\"n\":" + std::to_string(total_) + ",\"accuracy\":" + Fixed(Accuracy()) +
          ",\"macro_f1\":" + Fixed(MacroF1()) + ",\"classes\":[";
    for (size_t i = 0; i < classes.size(); ++i) {
      const auto& c = classes[i];
      out += (i ? "," : "") + std::string("{\"label\":") + JsonString(c.label) +
             ",\"precision\":" + Fixed(c.precision) + ",\"recall\":" + Fixed(c.recall) +
             ",\"f1\":" + Fixed(c.f1) + ",\"support\":" + std::to_string(c.support) + "}";
    }
    out += "],\"confusion\":{\"labels\":[";
    for (size_t i = 0; i < labels.size(); ++i) out += (i ? "," : "") + JsonString(labels[i]);
    out += "],\"rows\":[";
    for (size_t i = 0; i < labels.size(); ++i) {
      out += i ? ",[" : "[";
      for (size_t j = 0; j < labels.size(); ++j) {
        out += (j ? "," : "") + std::to_string(Count(labels[i], labels[j]));
      }
      out += "]";
    }
    return out + "]}}\n";
  }
  char line[256];
  std::snprintf(line, sizeof line, "n %d  accuracy %.4f  macro-F1 %.4f\n\n", total_, Accuracy(),
                MacroF1());
  out += line;
  out += "class                 precision  recall     F1  support\n";
  for (const auto& c : classes) {
    std::snprintf(line, sizeof line, "%-20s  %9.4f  %6.4f  %6.4f  %7d\n", c.label.c_str(),
                  c.precision, c.recall, c.f1, c.support);
    out += line;
  }
  out += "\nconfusion (rows: true, columns: predicted)\n";
  out += std::string(20, ' ');
  for (const auto& l : labels) {
    std::snprintf(line, sizeof line, " %10.10s", l.c_str());
    out += line;
  }
  out += "\n";
  for (const auto& truth : labels) {
    std::snprintf(line, sizeof line, "%-20.20s", truth.c_str());
    out += line;
    for (const auto& predicted : labels) {
      std::snprintf(line, sizeof line, " %10d", Count(truth, predicted));
      out += line;
    }
    out += "\n";
  }
  return out;
}

}  // namespace closeloop::text
