#include "domain/analytics/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/analytics/kpis.h"

namespace closeloop::domain {

namespace {

// The report's words, per language: data, not code.
const std::map<std::string, std::pair<const char*, const char*>>& Words() {
  static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
      {"title.day", {"投诉日报", "Daily complaint report"}},
      {"title.week", {"投诉周报", "Weekly complaint report"}},
      {"title.month", {"投诉月报", "Monthly complaint report"}},
      {"title.year", {"年度投诉分析报告", "Year-end complaint report"}},
      {"period", {"统计期间", "Period"}},
      {"generated", {"生成时间", "Generated"}},
      {"kpis", {"关键指标与目标达成", "KPIs against targets"}},
      {"kpi", {"指标", "KPI"}},
      {"value", {"本期", "This period"}},
      {"previous", {"上期", "Previous period"}},
      {"target", {"目标", "Target"}},
      {"met", {"达成", "Met"}},
      {"score", {"综合得分", "Composite score"}},
      {"volume", {"投诉量走势", "Complaint volume"}},
      {"top3", {"投诉类别前三", "Top three categories"}},
      {"share", {"占比", "Share"}},
      {"timeliness", {"处理时效", "Timeliness"}},
      {"repeat", {"重复投诉率", "Repeat complaints"}},
      {"by_product", {"按产品", "By product"}},
      {"by_region", {"按区域", "By region"}},
      {"by_process", {"按服务环节", "By touchpoint"}},
      {"channels", {"渠道分布", "Channels"}},
      {"scorecard", {"区域综合得分", "Scorecard by region"}},
      {"improvements", {"改进措施及效果", "Improvement actions and their effect"}},
      {"problem", {"问题", "Problem"}},
      {"stage", {"阶段", "Stage"}},
      {"deadline", {"期限", "Deadline"}},
      {"effect", {"效果（每周投诉 前→后）", "Effect (complaints a week, before → after)"}},
      {"none", {"无", "None"}},
      {"promotions", {"促销期间投诉量", "Volume during promotions"}},
      {"promotion", {"促销", "Promotion"}},
      {"days", {"天数", "Days"}},
      {"per_day", {"日均投诉", "Complaints a day"}},
      {"vs_rest", {"与非促销日相比", "Against the other days"}},
      {"outside", {"非促销日", "Other days"}},
      {"complaints", {"投诉量", "Complaints"}},
      {"group", {"分组", "Group"}},
      {"unknown", {"（未填）", "(not set)"}},
      // Values of the dimensions the report groups by.
      {"value.product_quality", {"产品质量", "Product quality"}},
      {"value.logistics", {"物流配送", "Logistics"}},
      {"value.after_sales", {"售后服务", "After-sales service"}},
      {"value.price_advertising", {"价格宣传", "Price and advertising"}},
      {"value.other", {"其他", "Other"}},
      {"value.pre_sale", {"售前", "Pre-sale"}},
      {"value.in_sale", {"售中", "In-sale"}},
      {"value.after_sale", {"售后", "After-sale"}},
      {"value.online_own", {"线上自营", "Online (own)"}},
      {"value.online_platform", {"第三方平台", "Third-party platforms"}},
      {"value.offline", {"线下", "Offline"}},
      {"value.imported", {"导入", "Imported"}},
  };
  return kWords;
}

std::string Word(const std::string& key, bool zh) {
  auto it = Words().find(key);
  if (it == Words().end()) return key;
  return zh ? it->second.first : it->second.second;
}

std::string Escape(const std::string& text) { return core::EscapeHtml(text); }

std::optional<double> ValueOf(const KpiValues& values, const std::string& name) {
  for (const auto& [n, v] : values) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// A KPI's value as people read it: rates as percentages, the rest with one or two decimals.
std::string Shown(const std::string& kpi, const std::optional<double>& v) {
  if (!v) return "–";
  const KpiDefinition* def = FindKpi(kpi);
  const std::string unit = def ? def->unit : "";
  char out[32];
  if (unit == "rate") {
    std::snprintf(out, sizeof out, "%.1f%%", *v * 100);
  } else if (unit == "count") {
    std::snprintf(out, sizeof out, "%.0f", *v);
  } else if (unit == "score" || unit == "points") {
    std::snprintf(out, sizeof out, "%.2f", *v);
  } else {
    std::snprintf(out, sizeof out, "%.1f", *v);
  }
  return out;
}

std::string KpiLabel(const std::string& kpi, bool zh) {
  const KpiDefinition* def = FindKpi(kpi);
  return def ? (zh ? def->zh : def->en) : kpi;
}

// The label of a breakdown row: the record's name, else the value, else "(not set)".
std::string RowLabel(const BreakdownRow& row, bool zh) {
  if (!row.names.empty() && !row.names.front().second.empty()) return row.names.front().second;
  const std::string& value = row.keys.front().second;
  if (value.empty()) return Word("unknown", zh);
  return Words().count("value." + value) ? Word("value." + value, zh) : value;
}

// A horizontal bar chart as inline SVG (labels escaped; no script).
std::string Bars(const std::vector<std::pair<std::string, double>>& bars, const std::string& unit) {
  if (bars.empty()) return "";
  double top = 0;
  for (const auto& b : bars) top = std::max(top, b.second);
  const int row = 22, label = 150, width = 620;
  const int height = row * static_cast<int>(bars.size()) + 6;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\" role=\"img\">";
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 3;
    const double share = top > 0 ? bars[i].second / top : 0;
    const int w = static_cast<int>(std::lround(share * (width - label - 80)));
    char value[32];
    std::snprintf(value, sizeof value, unit == "%" ? "%.1f%%" : "%.0f", bars[i].second);
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\" font-size=\"12\">" +
           Escape(bars[i].first) + "</text><rect x=\"" + std::to_string(label) + "\" y=\"" +
           std::to_string(y) + "\" width=\"" + std::to_string(std::max(w, 1)) +
           "\" height=\"16\" fill=\"#3b7dd8\"/><text x=\"" + std::to_string(label + w + 6) +
           "\" y=\"" + std::to_string(y + 13) + "\" font-size=\"12\">" + value + "</text>";
  }
  return svg + "</svg>";
}

std::string Table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table><tr>";
  for (const std::string& h : header) out += "<th>" + Escape(h) + "</th>";
  out += "</tr>";
  for (const auto& r : rows) {
    out += "<tr>";
    for (const std::string& cell : r) out += "<td>" + Escape(cell) + "</td>";
    out += "</tr>";
  }
  return out + "</table>";
}

std::vector<std::vector<std::string>> RateRows(const Breakdown& b, bool zh) {
  std::vector<std::vector<std::string>> rows;
  for (const BreakdownRow& row : b.rows) {
    std::vector<std::string> cells = {RowLabel(row, zh)};
    for (const auto& [kpi, value] : row.kpis) cells.push_back(Shown(kpi, value));
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::vector<std::string> RateHeader(const Breakdown& b, bool zh) {
  std::vector<std::string> header = {Word("group", zh)};
  if (!b.rows.empty()) {
    for (const auto& [kpi, value] : b.rows.front().kpis) header.push_back(KpiLabel(kpi, zh));
  }
  return header;
}

}  // namespace

std::string RenderReportHtml(const ReportData& r, const std::string& language,
                             int utc_offset_minutes) {
  const bool zh = language != "en";
  const std::string title = Word("title." + r.period.kind, zh);
  std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(zh ? "zh-CN" : "en") +
                  "\"><head><meta charset=\"utf-8\"><title>" + Escape(title) + " " +
                  Escape(r.period.name) +
                  "</title><style>body{font-family:sans-serif;margin:2em;color:#222}"
                  "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid "
                  "#ccc;padding:4px 8px;text-align:left}th{background:#f3f5f8}.no{color:#c0392b}"
                  ".yes{color:#1e8449}h2{margin-top:1.6em}</style></head><body>";
  h += "<h1>" + Escape(title) + "</h1><p>" + Word("period", zh) + ": " + Escape(r.period.from) +
       " – " + Escape(r.period.to) + " · " + Word("generated", zh) + ": " +
       Escape(core::FormatLocal(r.generated_at, utc_offset_minutes)) + "</p>";

  // KPIs against targets and the previous period.
  h += "<h2>" + Word("kpis", zh) + "</h2>";
  if (!r.overall.empty() && r.overall.front().score) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", *r.overall.front().score);
    h += "<p><strong>" + Word("score", zh) + ": " + score + " / 100</strong></p>";
  }
  std::vector<std::vector<std::string>> kpi_rows;
  for (const std::string kpi :
       {"complaints", "first_response_minutes_avg", "backlog_open", "csat_top2_rate", "nps",
        "ces_mean", "survey_response_rate", "compensation_paid"}) {
    kpi_rows.push_back({KpiLabel(kpi, zh), Shown(kpi, ValueOf(r.kpis, kpi)),
                        Shown(kpi, ValueOf(r.previous_kpis, kpi)), "", ""});
  }
  if (!r.overall.empty()) {
    for (const KpiAttainment& a : r.overall.front().kpis) {
      kpi_rows.push_back({KpiLabel(a.kpi, zh), Shown(a.kpi, a.value),
                          Shown(a.kpi, ValueOf(r.previous_kpis, a.kpi)), Shown(a.kpi, a.target),
                          a.value ? (a.met ? "✓" : "✗") : "–"});
    }
  }
  h += Table({Word("kpi", zh), Word("value", zh), Word("previous", zh), Word("target", zh),
              Word("met", zh)},
             kpi_rows);

  // Volume over time.
  h += "<h2>" + Word("volume", zh) + "</h2>";
  std::vector<std::pair<std::string, double>> volume;
  for (const BreakdownRow& row : r.trend.rows) {
    volume.emplace_back(row.keys.front().second, ValueOf(row.kpis, "complaints").value_or(0));
  }
  h += volume.empty() ? "<p>" + Word("none", zh) + "</p>" : Bars(volume, "");
  h += "<h3>" + Word("promotions", zh) + "</h3>";
  int promo_days = 0, promo_complaints = 0;
  for (const PromotionVolume& p : r.promotions) {
    promo_days += p.days;
    promo_complaints += p.complaints;
  }
  const int rest_days = r.days - promo_days;
  const double rest_per_day =
      rest_days > 0 ? (ValueOf(r.kpis, "complaints").value_or(0) - promo_complaints) / rest_days
                    : 0.0;
  std::vector<std::vector<std::string>> promos;
  auto per_day = [](double n, int days) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", days > 0 ? n / days : 0.0);
    return std::string(text);
  };
  for (const PromotionVolume& p : r.promotions) {
    char lift[32] = "–";
    if (rest_per_day > 0 && p.days > 0) {
      std::snprintf(lift, sizeof lift, "×%.2f",
                    p.complaints / static_cast<double>(p.days) / rest_per_day);
    }
    promos.push_back(
        {p.promotion.name + " (" + p.promotion.starts_on + " – " + p.promotion.ends_on + ")",
         std::to_string(p.days), std::to_string(p.complaints), per_day(p.complaints, p.days),
         lift});
  }
  if (rest_days > 0) {
    promos.push_back(
        {Word("outside", zh), std::to_string(rest_days),
         Shown("complaints", ValueOf(r.kpis, "complaints").value_or(0) - promo_complaints),
         per_day(rest_per_day * rest_days, rest_days), "×1.00"});
  }
  h += promos.size() <= 1 ? "<p>" + Word("none", zh) + "</p>"
                          : Table({Word("promotion", zh), Word("days", zh), Word("complaints", zh),
                                   Word("per_day", zh), Word("vs_rest", zh)},
                                  promos);

  // The top three categories with their share.
  h += "<h2>" + Word("top3", zh) + "</h2>";
  const double total = ValueOf(r.kpis, "complaints").value_or(0);
  std::vector<std::vector<std::string>> top;
  for (size_t i = 0; i < r.categories.rows.size() && i < 3; ++i) {
    const BreakdownRow& row = r.categories.rows[i];
    const double n = ValueOf(row.kpis, "complaints").value_or(0);
    char share[16];
    std::snprintf(share, sizeof share, "%.1f%%", total > 0 ? n / total * 100 : 0.0);
    top.push_back({RowLabel(row, zh), Shown("complaints", n), share,
                   Shown("resolution_rate", ValueOf(row.kpis, "resolution_rate")),
                   Shown("csat_mean", ValueOf(row.kpis, "csat_mean"))});
  }
  h += Table({Word("group", zh), Word("complaints", zh), Word("share", zh),
              KpiLabel("resolution_rate", zh), KpiLabel("csat_mean", zh)},
             top);

  // Timeliness.
  h += "<h2>" + Word("timeliness", zh) + "</h2>";
  std::vector<std::pair<std::string, double>> sla;
  for (const std::string kpi :
       {"sla_first_response_attainment", "sla_identify_attainment", "sla_analyse_attainment",
        "sla_resolve_attainment", "handled_24h_rate"}) {
    if (auto v = ValueOf(r.kpis, kpi)) sla.emplace_back(KpiLabel(kpi, zh), *v * 100);
  }
  h += sla.empty() ? "<p>" + Word("none", zh) + "</p>" : Bars(sla, "%");

  // Repeat rates by product, region and process.
  h += "<h2>" + Word("repeat", zh) + "</h2>";
  for (const auto& [key, breakdown] :
       std::vector<std::pair<std::string, const Breakdown*>>{{"by_product", &r.products},
                                                             {"by_region", &r.regions},
                                                             {"by_process", &r.touchpoints}}) {
    h += "<h3>" + Word(key, zh) + "</h3>" +
         Table(RateHeader(*breakdown, zh), RateRows(*breakdown, zh));
  }
  h += "<h2>" + Word("channels", zh) + "</h2>" +
       Table(RateHeader(r.channels, zh), RateRows(r.channels, zh));

  // Scorecard by region.
  h += "<h2>" + Word("scorecard", zh) + "</h2>";
  std::vector<std::vector<std::string>> scores;
  for (const ScoreRow& row : r.by_region) {
    char score[16] = "–";
    if (row.score) std::snprintf(score, sizeof score, "%.1f", *row.score);
    scores.push_back(
        {row.name.empty() ? Word("unknown", zh) : row.name, std::to_string(row.complaints), score});
  }
  h += Table({Word("group", zh), Word("complaints", zh), Word("score", zh)}, scores);

  // Improvement actions and their effect.
  h += "<h2>" + Word("improvements", zh) + "</h2>";
  std::vector<std::vector<std::string>> actions;
  for (const ImprovementAction& a : r.improvements) {
    std::string effect = "–";
    if (a.effect) {
      char text[64];
      std::snprintf(text, sizeof text, "%.1f → %.1f", a.effect->before_per_week,
                    a.effect->after_per_week);
      effect = text;
    }
    actions.push_back(
        {a.problem, a.stage, core::FormatLocal(a.deadline, utc_offset_minutes), effect});
  }
  h += actions.empty() ? "<p>" + Word("none", zh) + "</p>"
                       : Table({Word("problem", zh), Word("stage", zh), Word("deadline", zh),
                                Word("effect", zh)},
                               actions);
  return h + "</body></html>\n";
}

std::string RenderReportCsv(const ReportData& r) {
  std::string out = "\xEF\xBB\xBFsection,group,kpi,value\r\n";
  auto number = [](const std::optional<double>& v) {
    if (!v) return std::string();
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", *v);
    return std::string(text);
  };
  auto line = [&](const std::string& section, const std::string& group, const std::string& kpi,
                  const std::optional<double>& v) {
    out +=
        core::CsvCell(section) + "," + core::CsvCell(group) + "," + kpi + "," + number(v) + "\r\n";
  };
  for (const auto& [kpi, v] : r.kpis) line("kpis", r.period.name, kpi, v);
  for (const auto& [kpi, v] : r.previous_kpis) line("previous", r.period.name, kpi, v);
  for (const auto& [section, b] :
       std::vector<std::pair<std::string, const Breakdown*>>{{"trend", &r.trend},
                                                             {"category", &r.categories},
                                                             {"product", &r.products},
                                                             {"region", &r.regions},
                                                             {"touchpoint", &r.touchpoints},
                                                             {"channel_group", &r.channels}}) {
    for (const BreakdownRow& row : b->rows) {
      const std::string group = !row.names.empty() && !row.names.front().second.empty()
                                    ? row.names.front().second
                                    : row.keys.front().second;
      for (const auto& [kpi, v] : row.kpis) line(section, group, kpi, v);
    }
  }
  for (const ScoreRow& row : r.by_region) line("scorecard", row.name, "score", row.score);
  for (const PromotionVolume& p : r.promotions) {
    line("promotion", p.promotion.name, "complaints", p.complaints);
    line("promotion", p.promotion.name, "days", p.days);
  }
  return out;
}

}  // namespace closeloop::domain
