// Bulk import over HTTP, and the traceability reads it feeds.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/intake/repository.h"
#include "domain/model/ids.h"
#include "domain/unit_of_work.h"

namespace closeloop::testing {
namespace {

using nlohmann::json;

class ImportApi : public ApiFixture {};

TEST_F(ImportApi, UploadsLoadGoodRowsAndReportBadOnes) {
  const std::string token = TokenOf(world->admin);
  auto batches = Call("POST", "/api/v1/imports/batches?format=csv", token,
                      std::string("batch_no,sku,production_date,plant\n"
                                  "B2026-0311,CF-1001,2026-03-11,南通工厂\n"
                                  "B2026-0312,NO-SUCH,2026-03-12,南通工厂\n"));
  ASSERT_EQ(batches.status, 200) << batches.raw;
  EXPECT_EQ(batches.body["imported"], 1);
  EXPECT_EQ(batches.body["rejected"], 1);
  EXPECT_EQ(batches.body["rejects"][0]["row"], 3);
  EXPECT_EQ(batches.body["rejects"][0]["field"], "sku");

  auto complaints = Call(
      "POST", "/api/v1/imports/complaints?format=jsonl", token,
      std::string("{\"external_id\":\"W-1\",\"description\":\"这批猫粮有霉点\",\"batch_no\":"
                  "\"B2026-0311\",\"store_code\":\"SH-001\"}\n"
                  "{\"external_id\":\"W-2\",\"description\":\"同批次，猫吃了拉肚子\",\"batch_no\":"
                  "\"B2026-0311\",\"store_code\":\"BJ-001\"}\n"
                  "\"just a string\"\n"));
  ASSERT_EQ(complaints.status, 200) << complaints.raw;
  EXPECT_EQ(complaints.body["imported"], 2);
  EXPECT_EQ(complaints.body["rejected"], 1);

  auto batch = Call("GET", "/api/v1/batches/B2026-0311", token);
  ASSERT_EQ(batch.status, 200) << batch.raw;
  EXPECT_EQ(batch.body["complaint_count"], 2);
  EXPECT_EQ(batch.body["stores_affected"], 2);
  EXPECT_EQ(batch.body["product"]["sku"], "CF-1001");
  // A user scoped to east sees only the Shanghai complaint.
  auto scoped = Call("GET", "/api/v1/batches/B2026-0311", TokenOf(world->east_agent));
  EXPECT_EQ(scoped.body["complaint_count"], 1);
  const std::string ref = batch.body["complaints"][0]["reference"];
  auto one = Call("GET", "/api/v1/complaints/" + ref, token);
  EXPECT_EQ(one.body["batch_no"], "B2026-0311");
  EXPECT_FALSE(one.body["batch_id"].is_null());

  EXPECT_EQ(Call("GET", "/api/v1/batches/NOPE", token).status, 404);
}

TEST_F(ImportApi, UploadErrorsAreClear) {
  const std::string token = TokenOf(world->admin);
  auto no_format = Call("POST", "/api/v1/imports/products", token, std::string("sku,name\n"));
  EXPECT_EQ(no_format.status, 422);
  EXPECT_EQ(no_format.body["error"]["field"], "format");
  EXPECT_EQ(Call("POST", "/api/v1/imports/widgets?format=csv", token, std::string("a\n")).status,
            404);
  auto empty = Call("POST", "/api/v1/imports/products?format=csv", token, std::string(""));
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.body["error"]["field"], "file");
  // Files may exceed the JSON limit (64 KiB in this fixture); JSON bodies may not.
  std::string big = "sku,name\n";
  for (int i = 0; big.size() < (3 << 20) / 2; ++i) {
    big += "BULK-" + std::to_string(i) + "," + std::string(60, 'x') + "\n";
  }
  auto upload = Call("POST", "/api/v1/imports/products?format=csv", token, big);
  EXPECT_EQ(upload.status, 200) << upload.raw.substr(0, 200);
  EXPECT_EQ(upload.body["rejected"], 0);
  auto too_big = Call("POST", "/api/v1/complaints", token,
                      json{{"description", std::string(2 << 20, 'x')}, {"channel", "api"}});
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.body["error"]["code"], "payload_too_large");
}

TEST_F(ImportApi, UnknownBatchIsRefusedByFieldAndNothingIsStored) {
  const std::string before = world->Snapshot();
  auto r = Call("POST", "/api/v1/complaints", TokenOf(world->agent),
                json{{"description", "猫粮发霉"}, {"channel", "phone"}, {"batch_no", "B-NOPE"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["error"]["field"], "batch_no");
  EXPECT_EQ(world->Snapshot(), before);
}

TEST_F(ImportApi, AttachmentsFollowTheirComplaintsScope) {
  auto north = world->File(world->agent, world->north).complaint;
  domain::Id id = 0;
  EXPECT_TRUE(world->ctx()
                  .store
                  .Write([&](domain::Repositories& repos) {
                    id = repos.mail().InsertAttachment({0, north.id, "照片.jpg", "image/jpeg", 4,
                                                        "\xFF\xD8"
                                                        "ab",
                                                        true, 0});
                    return core::Status::Ok();
                  })
                  .ok());
  const std::string path =
      "/api/v1/complaints/" + north.reference + "/attachments/" + std::to_string(id);
  auto mine = Call("GET", path, TokenOf(world->admin));
  EXPECT_EQ(mine.status, 200);
  EXPECT_EQ(mine.raw,
            "\xFF\xD8"
            "ab");
  EXPECT_NE(mine.headers.find("Content-Disposition"), mine.headers.end());
  EXPECT_EQ(Call("GET", path, TokenOf(world->east_agent)).status, 404) << "another region's file";
  auto other = world->File(world->agent, world->north).complaint;
  EXPECT_EQ(
      Call("GET", "/api/v1/complaints/" + other.reference + "/attachments/" + std::to_string(id),
           TokenOf(world->admin))
          .status,
      404)
      << "an attachment is reached only through its own complaint";
}

}  // namespace
}  // namespace closeloop::testing
