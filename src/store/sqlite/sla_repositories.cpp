// SQLite storage of the SLA configuration: calendars (periods and special days) and the ordered
// policies, each replaced as a whole.
#include <sstream>

#include "domain/model/enums.h"
#include "store/sqlite/query_helpers.h"
#include "store/sqlite/repositories.h"

namespace closeloop::store::sqlite {

namespace {

template <typename E>
std::string Names(const std::vector<E>& values) {
  std::string out;
  for (const E& v : values) out += (out.empty() ? "" : " ") + std::string(domain::ToString(v));
  return out;
}

template <typename E, typename Parse>
std::vector<E> Parsed(const std::string& text, Parse parse) {
  std::istringstream in(text);
  std::vector<E> out;
  for (std::string word; in >> word;) {
    auto v = parse(word);
    if (!v) throw StoreError("corrupt sla_policies value '" + word + "'");
    out.push_back(*v);
  }
  return out;
}

}  // namespace

std::optional<std::vector<domain::BusinessCalendar>> SqliteConfig::LoadCalendars() {
  std::vector<domain::BusinessCalendar> out;
  {
    Query q(c_,
            "SELECT code, name, utc_offset_minutes, always_open FROM sla_calendars ORDER BY code");
    while (q.Next()) {
      domain::BusinessCalendar c;
      c.code = q.Text(0);
      c.name = q.Text(1);
      c.utc_offset_minutes = static_cast<int>(q.Int(2));
      c.always_open = q.Int(3) != 0;
      out.push_back(std::move(c));
    }
  }
  if (out.empty()) return std::nullopt;
  for (auto& c : out) {
    Query periods(c_,
                  "SELECT weekday, start_minute, end_minute FROM sla_calendar_periods "
                  "WHERE calendar = ? ORDER BY weekday, start_minute");
    periods.Bind(c.code);
    while (periods.Next()) {
      c.week[static_cast<size_t>(periods.Int(0))].push_back(
          {static_cast<int>(periods.Int(1)), static_cast<int>(periods.Int(2))});
    }
    Query days(c_, "SELECT day, kind FROM sla_calendar_days WHERE calendar = ?");
    days.Bind(c.code);
    while (days.Next())
      (days.Text(1) == "holiday" ? c.holidays : c.makeup_workdays).insert(days.Text(0));
  }
  return out;
}

void SqliteConfig::SaveCalendars(const std::vector<domain::BusinessCalendar>& calendars) {
  c_.Exec(
      "DELETE FROM sla_calendar_days; DELETE FROM sla_calendar_periods; DELETE FROM "
      "sla_calendars;");
  for (const auto& c : calendars) {
    Query q(c_,
            "INSERT INTO sla_calendars (code, name, utc_offset_minutes, always_open) "
            "VALUES (?, ?, ?, ?)");
    q.Bind(c.code).Bind(c.name).Bind(c.utc_offset_minutes).Bind(c.always_open).Run();
    for (size_t day = 0; day < c.week.size(); ++day) {
      for (const auto& p : c.week[day]) {
        Query period(c_,
                     "INSERT INTO sla_calendar_periods (calendar, weekday, start_minute, "
                     "end_minute) VALUES (?, ?, ?, ?)");
        period.Bind(c.code)
            .Bind(static_cast<int>(day))
            .Bind(p.start_minute)
            .Bind(p.end_minute)
            .Run();
      }
    }
    for (const auto& [kind, days] :
         {std::pair{"holiday", &c.holidays}, std::pair{"makeup", &c.makeup_workdays}}) {
      for (const std::string& d : *days) {
        Query special(c_, "INSERT INTO sla_calendar_days (calendar, day, kind) VALUES (?, ?, ?)");
        special.Bind(c.code).Bind(d).Bind(kind).Run();
      }
    }
  }
}

std::optional<std::vector<domain::SlaPolicy>> SqliteConfig::LoadSlaPolicies() {
  auto policies = QueryAll<domain::SlaPolicy>(
      c_,
      "SELECT code, name, priorities, tiers, channels, types, calendar, first_response, "
      "identify, analyse, resolve, warn_at_percent, update_every, survey_within "
      "FROM sla_policies ORDER BY position",
      [](const Query& q) {
        domain::SlaPolicy p;
        p.code = q.Text(0);
        p.name = q.Text(1);
        p.priorities = Parsed<domain::Priority>(q.Text(2), domain::ParsePriority);
        p.tiers = Parsed<domain::CustomerTier>(q.Text(3), domain::ParseCustomerTier);
        p.channels = Parsed<domain::Channel>(q.Text(4), domain::ParseChannel);
        p.types = Parsed<domain::ComplaintType>(q.Text(5), domain::ParseComplaintType);
        p.calendar = q.Text(6);
        p.first_response = q.Int(7);
        p.identify = q.Int(8);
        p.analyse = q.Int(9);
        p.resolve = q.Int(10);
        p.warn_at_percent = static_cast<int>(q.Int(11));
        p.update_every = q.Int(12);
        p.survey_within = q.Int(13);
        return p;
      });
  if (policies.empty()) return std::nullopt;
  return policies;
}

void SqliteConfig::SaveSlaPolicies(const std::vector<domain::SlaPolicy>& policies) {
  c_.Exec("DELETE FROM sla_policies");
  int position = 0;
  for (const auto& p : policies) {
    Query q(c_,
            "INSERT INTO sla_policies (position, code, name, priorities, tiers, channels, types, "
            "calendar, first_response, identify, analyse, resolve, warn_at_percent, "
            "update_every, survey_within) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(++position)
        .Bind(p.code)
        .Bind(p.name)
        .Bind(Names(p.priorities))
        .Bind(Names(p.tiers))
        .Bind(Names(p.channels))
        .Bind(Names(p.types))
        .Bind(p.calendar)
        .Bind(p.first_response)
        .Bind(p.identify)
        .Bind(p.analyse)
        .Bind(p.resolve)
        .Bind(p.warn_at_percent)
        .Bind(p.update_every)
        .Bind(p.survey_within)
        .Run();
  }
}

}  // namespace closeloop::store::sqlite
