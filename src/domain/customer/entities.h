// Customers and their orders. Money is integer fen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

struct OrderItem {
  Id id = 0;
  int line_no = 0;
  Id product_id = 0;
  std::optional<Id> batch_id;
  int quantity = 1;
  std::int64_t amount_cents = 0;
};

// An order bought in a store (store_id set) or online (channel names the platform).
struct Order {
  Id id = 0;
  std::string order_no;
  std::optional<Id> customer_id;
  std::optional<Id> store_id;
  std::string channel = "store";
  std::int64_t amount_cents = 0;
  std::string shipping_mode;
  UnixMillis ordered_at = 0;
  std::vector<OrderItem> items;
  UnixMillis created_at = 0;
};

// A customer's identity on a platform (a Tmall buyer id, a Weibo uid…).
struct PlatformAccount {
  std::string platform;  // intake source name or channel, e.g. "tmall"
  std::string account_id;
};

struct Customer {
  Id id = 0;
  std::string name;
  std::string phone;  // normalised digits
  std::string email;  // case-folded
  std::string address;
  std::string id_card;  // 居民身份证号, upper-case X
  CustomerTier tier = CustomerTier::kNew;
  std::optional<Id> merged_into;  // set when an admin merged this record into another
  std::string external_id;        // the id in the system it was imported from
  // Set on a regional record: the main record of the same person, whom the scoped caller who made
  // this record could not see. The 360 view of whoever may see both is one person.
  std::optional<Id> person_id;
  // The scope of the scoped caller who made the record; the record is visible there at once.
  std::optional<Id> home_region_id;
  std::optional<Id> home_team_id;
  std::vector<PlatformAccount> accounts;  // filled only for the customer page
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;

  // The main record of the person this record stands for.
  Id PersonId() const { return person_id.value_or(id); }
};

// One look at a customer's personal data in clear by someone who may (a reveal), kept for the
// personal-information protection record (PIPL art. 54-55: who processed whose data, when, why).
struct PersonalDataAccess {
  Id id = 0;
  Id user_id = 0;
  std::string username;  // filled when read
  std::optional<Id> customer_id;
  std::optional<Id> complaint_id;
  std::string purpose;
  UnixMillis at = 0;
};

}  // namespace closeloop::domain
