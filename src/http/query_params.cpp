#include "http/query_params.h"

#include <regex>
#include <utility>
#include <vector>

namespace closeloop::http {

std::optional<std::string> KnownQueryParams(const std::string& path) {
  static const std::string kAnalyticsFilters =
      "region_id,province,city_id,store_id,category,type,product_id,product_line,lifecycle_stage,"
      "batch_id,channel,channel_group,team_id,assignee_id,tier,touchpoint,status";
  static const std::vector<std::pair<std::regex, std::string>> kTable = {
      {std::regex("/api/v1/complaints"),
       "status,type,category,team_id,assignee_id,region_id,customer_id,channel,priority,"
       "escalated,from,to,q,limit,cursor,sort,sla,triage"},
      {std::regex("/api/v1/customers"), "q,limit,cursor"},
      {std::regex("/api/v1/knowledge"), "q,category,include_archived,limit"},
      {std::regex("/api/v1/models"), "task"},
      {std::regex("/api/v1/jobs"), "status,kind"},
      {std::regex("/api/v1/notifications"), "unread,limit,cursor"},
      {std::regex("/api/v1/events"), "since,types,limit,stream"},
      {std::regex("/api/v1/tasks"), "team_id,status"},
      {std::regex("/api/v1/improvements"), "team_id,stage"},
      {std::regex("/api/v1/outbound-messages"), "channel,after,limit"},
      {std::regex("/api/v1/config/changes"), "limit,before"},
      {std::regex("/api/v1/analytics/nps-change"), "from,to,tier,region_id"},
      // Analytics: the period, then the filters (DimensionDefinition::filter of
      // domain/analytics/kpis.cpp).
      {std::regex("/api/v1/analytics/kpis"), "from,to,kpis," + kAnalyticsFilters},
      {std::regex("/api/v1/analytics/breakdown"), "from,to,kpis,by,format," + kAnalyticsFilters},
      {std::regex("/api/v1/analytics/report"), "period,format,lang"},
      {std::regex("/api/v1/analytics/scorecard"), "from,to,by," + kAnalyticsFilters},
      {std::regex("/api/v1/analytics/agents/[0-9]+"), "from,to"},
      {std::regex("/api/v1/analytics/complaints"),
       "from,to,flag,limit,cursor,format," + kAnalyticsFilters},
      {std::regex("/api/v1/config/map"), "geometry"},
      {std::regex("/api/v1/personal-data-access"), "customer_id,before,limit"},
      {std::regex("/api/v1/.*"), ""},
  };
  for (const auto& [pattern, names] : kTable) {
    if (std::regex_match(path, pattern)) return names;
  }
  return std::nullopt;
}

}  // namespace closeloop::http
