// Storage of improvement actions with their links, A3 record and effect check.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/improvement/entities.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct ImprovementQuery {
  std::vector<Id> team_ids;  // empty: any
  std::string stage;         // "" any
  int limit = 200;
};

class ImprovementRepository {
 public:
  virtual ~ImprovementRepository() = default;
  // Inserts or replaces the whole action (links, A3 and effect check included).
  virtual Id Insert(const ImprovementAction& action) = 0;
  virtual void Update(const ImprovementAction& action) = 0;
  virtual std::optional<ImprovementAction> Find(Id id) = 0;
  // Newest first.
  virtual std::vector<ImprovementAction> List(const ImprovementQuery& query) = 0;
  // Complaints received in [from, to) of this category, and of this product line and store when
  // given (the effect check's count).
  virtual int CountComplaints(const std::string& category, const std::string& product_line,
                              std::optional<Id> store_id, UnixMillis from, UnixMillis to) = 0;
};

}  // namespace closeloop::domain
