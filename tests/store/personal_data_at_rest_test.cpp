// Personal data never reaches the database file in clear, lookups still work, and keys rotate.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "domain/complaint/create_complaint.h"
#include "domain/customer360/customers.h"
#include "domain/intake/entities.h"
#include "domain/intake/mail.h"
#include "domain/intake/repository.h"
#include "domain/org/admin.h"
#include "domain/unit_of_work.h"
#include "security/personal_data_cipher.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const std::vector<std::string> kSecrets = {"13912345678",
                                           "secret.person@example.com",
                                           "330106199001011234",
                                           "杭州市西湖区文三路90号",
                                           "outbox.person@example.com",
                                           "staff.person@example.com"};

void FileCustomer(TestWorld& w) {
  d::NewComplaint in;
  in.channel = d::Channel::kPhone;
  in.description = "电话投诉：冻干零食有异物";
  in.customer = d::CustomerInput{std::nullopt,        "周芷若",
                                 "+86 139 1234 5678", "Secret.Person@Example.com",
                                 std::nullopt,        "浙江省杭州市西湖区文三路90号",
                                 "330106199001011234"};
  auto created = d::CreateComplaint(w.ctx()).Execute(w.agent, in, std::nullopt);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // An outbox recipient is personal data too.
  EXPECT_TRUE(w.ctx()
                  .store
                  .Write([&](d::Repositories& repos) {
                    d::OutgoingMail mail =
                        d::AcknowledgementFor(created->view.complaint, "outbox.person@example.com",
                                              "", w.ctx().config, w.clock().Now());
                    repos.mail().Enqueue(mail);
                    return core::Status::Ok();
                  })
                  .ok());
  // So is a member of staff's work address.
  d::UserInput staff;
  staff.email = "Staff.Person@example.com";
  auto updated = d::ManageUsers(w.ctx()).Update(w.admin, w.agent.user_id, staff);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->email, "staff.person@example.com");
}

TEST(PersonalDataAtRest, NoClearValueInTheDatabaseFiles) {
  TestWorld w;
  FileCustomer(w);
  // Both the main file and the write-ahead log are scanned.
  std::string bytes = FileBytes(w.db_path()) + FileBytes(w.db_path() + "-wal");
  ASSERT_GT(bytes.size(), 10000u);
  for (const std::string& secret : kSecrets) {
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in clear";
  }
  EXPECT_NE(bytes.find("周芷若"), std::string::npos) << "sanity: the scan does see clear text";
}

TEST(PersonalDataAtRest, LookupsByPhoneEmailAndIdCardStillWork) {
  TestWorld w;
  FileCustomer(w);
  d::NewComplaint again;
  again.channel = d::Channel::kEmail;
  again.description = "上次的问题还没解决";
  again.customer =
      d::CustomerInput{std::nullopt, "", "", "SECRET.PERSON@example.com", std::nullopt};
  auto second = d::CreateComplaint(w.ctx()).Execute(w.agent, again, std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->view.customer->phone, "13912345678") << "found by email, decrypted";
  d::ManageCustomers customers(w.ctx());
  for (const char* q : {"13912345678", "+86 139-1234-5678", "secret.person@example.com",
                        "330106199001011234", "周芷"}) {
    auto found = customers.Search(w.agent, {q, 10, std::nullopt});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 1u) << q;
  }
  EXPECT_EQ(customers.Search(w.agent, {"1391234", 10, std::nullopt})->size(), 0u)
      << "sealed values match whole, not by fragment";
  auto masked = customers.Get(w.analyst, second->view.complaint.customer_id.value());
  EXPECT_EQ(masked->customer.id_card, "3301**********1234");
  EXPECT_EQ(masked->customer.address, "浙江省杭州市*********");
}

TEST(PersonalDataAtRest, RotationReSealsEverythingWithTheNewKey) {
  TestWorld w;
  FileCustomer(w);
  const std::string keys = w.db_path() + ".keys";
  ASSERT_EQ(security::KeyRing::AddKey(keys), 2u);
  app::WiringOptions options;
  options.db_path = w.db_path();
  options.fast_password_hash = true;
  {
    app::Wiring rotated(options);
    EXPECT_EQ(rotated.ResealPersonalData(), 3u)
        << "the customer, the outbox recipient and the staff address";
    EXPECT_EQ(rotated.ResealPersonalData(), 0u) << "nothing left under the old key";
  }
  // Drop key 1 from the file: everything must open with key 2 alone.
  security::KeyRing ring = security::KeyRing::LoadOrCreate(keys);
  security::SodiumPersonalDataCipher only_new(
      security::KeyRing{ring.index_key, {{2, ring.data_keys.at(2)}}});
  sqlite3* db = nullptr;
  sqlite3_open(w.db_path().c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT phone_sealed, id_card_sealed FROM customers", -1, &st, nullptr);
  int rows = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    ++rows;
    std::string phone(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                      sqlite3_column_bytes(st, 0));
    std::string card(static_cast<const char*>(sqlite3_column_blob(st, 1)),
                     sqlite3_column_bytes(st, 1));
    EXPECT_EQ(only_new.KeyIdOf(phone), 2u);
    EXPECT_EQ(only_new.Open("phone", phone), "13912345678");
    EXPECT_EQ(only_new.Open("id_card", card), "330106199001011234");
  }
  sqlite3_finalize(st);
  EXPECT_EQ(rows, 1);
  sqlite3_prepare_v2(db, "SELECT email_sealed FROM users WHERE email_sealed IS NOT NULL", -1, &st,
                     nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::string staff(static_cast<const char*>(sqlite3_column_blob(st, 0)),
                    sqlite3_column_bytes(st, 0));
  EXPECT_EQ(only_new.Open("staff_email", staff), "staff.person@example.com");
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "SELECT to_sealed FROM mail_outbox", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  std::string to(static_cast<const char*>(sqlite3_column_blob(st, 0)), sqlite3_column_bytes(st, 0));
  EXPECT_EQ(only_new.Open("email", to), "outbox.person@example.com");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(PersonalDataAtRest, BadIdCardAndAddressAreRefusedByField) {
  TestWorld w;
  d::CustomerInput bad{std::nullopt, "x", "", "", std::nullopt, "", "12345"};
  EXPECT_EQ(d::ManageCustomers(w.ctx()).Create(w.agent, bad).status().field(), "id_card");
  bad.id_card = "33010619900101123x";
  auto ok = d::ManageCustomers(w.ctx()).Create(w.agent, bad);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->id_card, "33010619900101123X");
  d::CustomerInput long_address{std::nullopt, "y", "", "", std::nullopt, std::string(201, 'a'), ""};
  EXPECT_EQ(d::ManageCustomers(w.ctx()).Create(w.agent, long_address).status().field(), "address");
}

}  // namespace
}  // namespace closeloop::testing
