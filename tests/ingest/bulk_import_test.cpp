// Bulk import end to end: real readers (CSV, TSV, JSONL, GBK) into a real SQLite file.
#include "domain/intake/bulk_import.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/time_format.h"
#include "domain/complaint/complaint_queries.h"
#include "domain/complaint/repository.h"
#include "domain/customer/repository.h"
#include "domain/customer360/customers.h"
#include "domain/unit_of_work.h"
#include "ingest/record_readers.h"
#include "support/test_world.h"

namespace closeloop::testing {
namespace {

namespace d = domain;

struct Collected final : d::ImportObserver {
  std::vector<d::ImportReject> rejects;
  int progress_calls = 0;
  void OnReject(const d::ImportReject& r) override { rejects.push_back(r); }
  void OnProgress(const d::ImportSummary&, std::int64_t, std::int64_t) override {
    ++progress_calls;
  }
  const d::ImportReject* At(std::int64_t row) const {
    for (const auto& r : rejects) {
      if (r.row == row) return &r;
    }
    return nullptr;
  }
};

class BulkImportTest : public ::testing::Test {
 protected:
  d::ImportSummary Import(d::ImportKind kind, const std::string& text, const std::string& format,
                          Collected& observer, const std::string& encoding = "auto",
                          const d::Principal* who = nullptr, size_t batch = 3) {
    std::istringstream in(text);
    ingest::ReaderOptions options;
    options.format = format;
    options.encoding = encoding;
    auto source =
        ingest::OpenRecordSource(in, static_cast<std::int64_t>(text.size()), kind, options);
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    auto summary =
        d::BulkImport(world.ctx()).Run(who ? *who : world.admin, kind, **source, observer, batch);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return summary.ok() ? *summary : d::ImportSummary{};
  }

  int Count(const std::string& table) {
    int n = 0;
    EXPECT_TRUE(
        world.ctx()
            .store
            .Read([&](d::Repositories& repos) {
              n = static_cast<int>(
                  repos.complaints().List(d::ComplaintQuery{.limit = 1000}, world.admin).size());
              return core::Status::Ok();
            })
            .ok());
    (void)table;
    return n;
  }

  void LoadTraceability() {
    Collected o;
    auto products = Import(d::ImportKind::kProducts,
                           "sku,商品名称,产品线,品类,生命周期,上市日期\n"
                           "DF-2001,成犬粮 10kg,狗主粮,food,mature,2024-03-01\n",
                           "csv", o);
    ASSERT_EQ(products.imported, 1);
    auto batches = Import(d::ImportKind::kBatches,
                          "batch_no\tsku\tproduction_date\tplant\n"
                          "B2026-0311\tCF-1001\t2026-03-11\t南通工厂\n"
                          "B2026-0420\tDF-2001\t2026-04-20\t南通工厂\n",
                          "tsv", o);
    ASSERT_EQ(batches.imported, 2);
    auto stores = Import(d::ImportKind::kStores,
                         "code,name,city,province,region\n"
                         "HZ-001,杭州西湖店,杭州,浙江,east\n"
                         "HZ-002,杭州滨江店,杭州,浙江,华东大区\n",
                         "csv", o);
    ASSERT_EQ(stores.imported, 2) << (o.rejects.empty() ? "" : o.rejects[0].reason);
    auto customers =
        Import(d::ImportKind::kCustomers,
               "{\"external_id\":\"C-1\",\"name\":\"王芳\",\"phone\":\"+86 139-1234-5678\","
               "\"tier\":\"vip\"}\n",
               "jsonl", o);
    ASSERT_EQ(customers.imported, 1);
    // Two orders; the first has two items (two CSV rows), the second comes from JSONL.
    auto orders = Import(d::ImportKind::kOrders,
                         "order_no,ordered_at,customer_external_id,store_code,sku,batch_no,"
                         "quantity,item_amount\n"
                         "SO-1,2026-11-01 10:00,C-1,HZ-001,CF-1001,B2026-0311,2,198.00\n"
                         "SO-1,2026-11-01 10:00,C-1,HZ-001,DF-2001,B2026-0420,1,329.00\n",
                         "csv", o);
    ASSERT_EQ(orders.imported, 2) << "both rows of the one order";
    auto online = Import(d::ImportKind::kOrders,
                         "{\"order_no\":\"SO-2\",\"ordered_at\":\"2026-11-02T08:00:00+08:00\","
                         "\"store_code\":\"HZ-002\",\"items\":[{\"sku\":\"CF-1001\",\"batch_no\":"
                         "\"B2026-0311\",\"item_amount\":99}]}\n",
                         "jsonl", o);
    ASSERT_EQ(online.imported, 1);
    ASSERT_TRUE(o.rejects.empty()) << o.rejects[0].field << ": " << o.rejects[0].reason;
  }

  TestWorld world;
};

TEST_F(BulkImportTest, ComplaintsLinkToOrderItemBatchAndStore) {
  LoadTraceability();
  Collected o;
  auto summary = Import(d::ImportKind::kComplaints,
                        "投诉编号,投诉内容,订单号,sku,渠道\n"
                        "X-1,猫粮有异味，猫不吃,SO-1,CF-1001,phone\n"
                        "X-2,同一批次的猫粮也发霉了,SO-2,,ecommerce\n"
                        "X-3,狗粮袋子破了,SO-1,DF-2001,电话\n",
                        "csv", o);
  ASSERT_EQ(summary.imported, 3) << (o.rejects.empty() ? "" : o.rejects[0].reason);
  EXPECT_TRUE(
      world.ctx()
          .store
          .Read([&](d::Repositories& repos) {
            auto batch = repos.trace().FindBatchByNo("B2026-0311");
            EXPECT_TRUE(batch.has_value());
            auto linked = repos.trace().ComplaintsOfBatch(batch->id, world.admin, 50);
            EXPECT_EQ(linked.size(), 2u) << "X-1 through SO-1's CF-1001 item, X-2 through SO-2";
            EXPECT_EQ(repos.trace().StoresAffectedByBatch(batch->id, world.admin), 2);
            for (const auto& c : linked) {
              EXPECT_TRUE(c.order_item_id.has_value());
              EXPECT_TRUE(c.region_id.has_value()) << "placed in the store's region";
              EXPECT_EQ(c.region_id, world.east);
              EXPECT_TRUE(c.customer_id.has_value() || c.external_id == "X-2");
            }
            auto dog = repos.trace().FindBatchByNo("B2026-0420");
            EXPECT_EQ(repos.trace().ComplaintsOfBatch(dog->id, world.admin, 50).size(), 1u);
            // A scoped user of another region sees none of them.
            EXPECT_TRUE(repos.trace().ComplaintsOfBatch(batch->id, world.north_agent, 50).empty());
            return core::Status::Ok();
          })
          .ok());
}

TEST_F(BulkImportTest, ReRunSkipsWhatWasImportedAndIdentityIsResolved) {
  const std::string file =
      "external_id,description,customer_name,customer_phone,received_at,amount_claimed\n"
      "R-1,快递丢件,李雷,13812345678,2026-11-20 09:30,\"1,299.00\"\n"
      "R-2,客服不回电话,李雷,+86 138 1234 5678,2026-11-21T01:00:00Z,¥35\n"
      "R-3,退款太慢,韩梅梅,13900000000,,\n";
  Collected first;
  auto a = Import(d::ImportKind::kComplaints, file, "csv", first);
  EXPECT_EQ(a.imported, 3);
  Collected second;
  auto b = Import(d::ImportKind::kComplaints, file, "csv", second);
  EXPECT_EQ(b.imported, 0);
  EXPECT_EQ(b.skipped, 3) << "resumable: the same external ids are skipped";
  EXPECT_EQ(Count("complaints"), 3);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto li = repos.customers().FindByPhone("13812345678");
                    EXPECT_TRUE(li.has_value());
                    EXPECT_EQ(repos.complaints().ListForCustomer(li->id, 10).size(), 2u)
                        << "one customer";
                    auto list =
                        repos.complaints().List(d::ComplaintQuery{.limit = 10}, world.admin);
                    for (const auto& c : list) {
                      if (c.external_id == "R-1") {
                        EXPECT_EQ(c.amount_claimed_cents, 129900);
                        EXPECT_EQ(c.received_at, *core::ParseIso8601("2026-11-20T01:30:00Z"))
                            << "local time read at UTC+8";
                        EXPECT_EQ(c.channel, d::Channel::kImport);
                      }
                      if (c.external_id == "R-2") {
                        EXPECT_EQ(c.amount_claimed_cents, 3500);
                      }
                    }
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST_F(BulkImportTest, GbkFilesAreReadAndInvalidTextIsRejected) {
  // "猫粮发霉了" and "客户甲" in GBK.
  const std::string gbk =
      "external_id,description,customer_name\n"
      "G-1,\xC3\xA8\xC1\xB8\xB7\xA2\xC3\xB9\xC1\xCB,\xBF\xCD\xBB\xA7\xBC\xD7\n";
  Collected o;
  auto s = Import(d::ImportKind::kComplaints, gbk, "csv", o, "gbk");
  ASSERT_EQ(s.imported, 1) << (o.rejects.empty() ? "" : o.rejects[0].reason);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    auto list = repos.complaints().List(d::ComplaintQuery{.limit = 5}, world.admin);
                    EXPECT_EQ(list.at(0).description, "猫粮发霉了");
                    return core::Status::Ok();
                  })
                  .ok());
  Collected bad;
  auto u = Import(d::ImportKind::kComplaints,
                  "external_id,description\nU-1,\xC3\x28 broken\nU-2,fine\n", "csv", bad, "utf-8");
  EXPECT_EQ(u.imported, 1);
  ASSERT_EQ(bad.rejects.size(), 1u);
  EXPECT_EQ(bad.rejects[0].row, 2);
  EXPECT_NE(bad.rejects[0].reason.find("description"), std::string::npos);
}

TEST_F(BulkImportTest, BadRowsGoToRejectsWithRowAndFieldWhileGoodRowsLoad) {
  world.File(world.admin, world.east);
  const std::string before_complaint = world.Snapshot();
  Collected o;
  auto s = Import(d::ImportKind::kComplaints,
                  "external_id,description,store_code,amount_claimed,type\n"
                  "B-1,好的一行,SH-001,10,quality\n"              // line 2: good
                  "B-2,\"broken \"quote,SH-001,1,quality\n"       // line 3: broken quoting
                  "B-3,列数不对\n"                                // line 4: wrong column count
                  "B-4,,SH-001,1,quality\n"                       // line 5: description missing
                  "B-5,未知门店,XX-999,1,quality\n"               // line 6: unknown store
                  "B-6,金额不对,SH-001,abc,quality\n"             // line 7: bad amount
                  "B-7,类型不对,SH-001,1,complaint\n"             // line 8: unknown type
                  ",没有编号,SH-001,1,quality\n"                  // line 9: no external id
                  "B-9,\"多行\n内容也可以\",SH-001,2,service\n",  // lines 10-11: good
                  "csv", o);
  EXPECT_EQ(s.rows, 9);
  EXPECT_EQ(s.imported, 2);
  EXPECT_EQ(s.rejected, 7);
  ASSERT_NE(o.At(3), nullptr);
  EXPECT_NE(o.At(3)->reason.find("quote"), std::string::npos);
  ASSERT_NE(o.At(4), nullptr);
  EXPECT_NE(o.At(4)->reason.find("columns"), std::string::npos);
  EXPECT_EQ(o.At(5)->field, "description");
  EXPECT_EQ(o.At(6)->field, "store_code");
  EXPECT_EQ(o.At(7)->field, "amount_claimed");
  EXPECT_EQ(o.At(8)->field, "type");
  EXPECT_EQ(o.At(9)->field, "external_id");
  EXPECT_EQ(Count("complaints"), 3) << "the earlier complaint and the two good rows";
  EXPECT_GE(o.progress_calls, 2) << "progress after each batch";
  (void)before_complaint;
}

TEST_F(BulkImportTest, JsonlLinesThatAreNotObjectsAreRejected) {
  Collected o;
  auto s = Import(d::ImportKind::kComplaints,
                  "{\"external_id\":\"J-1\",\"description\":\"网购的猫砂漏了\",\"customer\":"
                  "{\"name\":\"赵六\",\"email\":\"Zhao@Example.com\"}}\n"
                  "[1,2,3]\n"
                  "{not json\n"
                  "\n"
                  "{\"external_id\":\"J-2\",\"description\":{\"nested\":true}}\n"
                  "{\"external_id\":\"J-3\",\"description\":\"ok\",\"safety_flag\":true}\n",
                  "jsonl", o);
  EXPECT_EQ(s.imported, 2);
  EXPECT_EQ(s.rejected, 3);
  EXPECT_NE(o.At(2)->reason.find("not a JSON object"), std::string::npos);
  EXPECT_NE(o.At(3)->reason.find("not valid JSON"), std::string::npos);
  EXPECT_NE(o.At(5)->reason.find("description"), std::string::npos);
  EXPECT_TRUE(world.ctx()
                  .store
                  .Read([&](d::Repositories& repos) {
                    EXPECT_TRUE(repos.customers().FindByEmail("zhao@example.com").has_value());
                    return core::Status::Ok();
                  })
                  .ok());
}

TEST_F(BulkImportTest, RolesThatMayNotImportStoreNothing) {
  const std::string before = world.Snapshot();
  std::istringstream in("sku,name\nZZ-1,x\n");
  ingest::ReaderOptions options;
  options.format = "csv";
  auto source = ingest::OpenRecordSource(in, 0, d::ImportKind::kProducts, options);
  Collected o;
  auto result = d::BulkImport(world.ctx()).Run(world.agent, d::ImportKind::kProducts, **source, o);
  EXPECT_EQ(result.status().code(), core::StatusCode::kPermissionDenied);
  EXPECT_EQ(world.Snapshot(), before);
}

TEST_F(BulkImportTest, ReadersRefuseWrongOptionsAndEmptyFiles) {
  std::istringstream empty("");
  ingest::ReaderOptions options;
  options.format = "csv";
  auto none = ingest::OpenRecordSource(empty, 0, d::ImportKind::kProducts, options);
  EXPECT_EQ(none.status().field(), "file");
  options.format = "xlsx";
  std::istringstream any("a\n");
  EXPECT_EQ(ingest::OpenRecordSource(any, 0, d::ImportKind::kProducts, options).status().field(),
            "format");
  options.format = "csv";
  options.encoding = "klingon";
  std::istringstream again("a\n");
  EXPECT_EQ(ingest::OpenRecordSource(again, 0, d::ImportKind::kProducts, options).status().field(),
            "encoding");
  EXPECT_FALSE(ingest::ParseHeaderMap("单号external_id").ok());
  auto map = ingest::ParseHeaderMap("单号=external_id, 问题 = description");
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->at("问题"), "description");
}

}  // namespace
}  // namespace closeloop::testing
