#include "http/query_params.h"

#include <regex>
#include <utility>
#include <vector>

namespace closeloop::http {

std::optional<std::string> KnownQueryParams(const std::string& path) {
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
      {std::regex("/api/v1/.*"), ""},
  };
  for (const auto& [pattern, names] : kTable) {
    if (std::regex_match(path, pattern)) return names;
  }
  return std::nullopt;
}

}  // namespace closeloop::http
