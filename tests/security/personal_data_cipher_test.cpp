#include "security/personal_data_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "domain/sealing/cipher.h"
#include "security/sodium_token_service.h"
#include "support/test_world.h"

namespace closeloop::security {
namespace {

KeyRing Ring() { return KeyRing{std::string(32, 'i'), {{1, std::string(32, 'a')}}}; }

TEST(PersonalDataCipher, SealsWithFreshNoncesAndOpens) {
  SodiumPersonalDataCipher cipher(Ring());
  std::string a = cipher.Seal("phone", "13912345678");
  std::string b = cipher.Seal("phone", "13912345678");
  EXPECT_NE(a, b) << "a fresh nonce every time";
  EXPECT_EQ(a.find("13912345678"), std::string::npos);
  EXPECT_EQ(cipher.Open("phone", a), "13912345678");
  EXPECT_EQ(cipher.KeyIdOf(a), 1u);
  EXPECT_EQ(cipher.Seal("phone", ""), "");
  EXPECT_EQ(cipher.Open("phone", ""), "");
}

TEST(PersonalDataCipher, RefusesTamperingMovedValuesAndUnknownKeys) {
  SodiumPersonalDataCipher cipher(Ring());
  std::string sealed = cipher.Seal("email", "a@b.cn");
  std::string flipped = sealed;
  flipped.back() ^= 1;
  EXPECT_THROW(cipher.Open("email", flipped), std::runtime_error);
  EXPECT_THROW(cipher.Open("phone", sealed), std::runtime_error) << "bound to its field";
  EXPECT_THROW(cipher.Open("email", sealed.substr(0, 10)), std::runtime_error);
  SodiumPersonalDataCipher other(KeyRing{std::string(32, 'i'), {{2, std::string(32, 'b')}}});
  EXPECT_THROW(other.Open("email", sealed), std::runtime_error);
}

TEST(PersonalDataCipher, BlindIndexIsKeyedDeterministicAndPerField) {
  SodiumPersonalDataCipher cipher(Ring());
  EXPECT_EQ(cipher.BlindIndex("phone", "13912345678"), cipher.BlindIndex("phone", "13912345678"));
  EXPECT_NE(cipher.BlindIndex("phone", "13912345678"), cipher.BlindIndex("email", "13912345678"));
  SodiumPersonalDataCipher other_key(KeyRing{std::string(32, 'j'), {{1, std::string(32, 'a')}}});
  EXPECT_NE(cipher.BlindIndex("phone", "13912345678"),
            other_key.BlindIndex("phone", "13912345678"));
  EXPECT_EQ(cipher.BlindIndex("phone", ""), "");
}

TEST(KeyRing, CreatesAPrivateFileAddsKeysAndRejectsMalformedFiles) {
  testing::TempDir dir;
  const std::string path = dir.File("k.keys");
  KeyRing created = KeyRing::LoadOrCreate(path);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(created.data_keys.size(), 1u);
  EXPECT_EQ(KeyRing::AddKey(path), 2u);
  KeyRing reloaded = KeyRing::LoadOrCreate(path);
  EXPECT_EQ(reloaded.index_key, created.index_key);
  EXPECT_EQ(reloaded.data_keys.at(1), created.data_keys.at(1));
  EXPECT_EQ(SodiumPersonalDataCipher(reloaded).CurrentKeyId(), 2u);
  std::ofstream(dir.File("bad.keys")) << "index notbase64!!\nkey 1 xyz\n";
  EXPECT_THROW(KeyRing::LoadOrCreate(dir.File("bad.keys")), std::runtime_error);
  std::ofstream(dir.File("nokey.keys")) << "\n";
  EXPECT_THROW(KeyRing::LoadOrCreate(dir.File("nokey.keys")), std::runtime_error);
}

TEST(KeyRing, ProcessesStartingTogetherAgreeOnOneKeyFile) {
  testing::TempDir dir;
  const std::string keys = dir.File("race.keys");
  const std::string secret = dir.File("race.secret");
  constexpr int kThreads = 8;
  std::vector<KeyRing> rings(kThreads);
  std::vector<std::string> secrets(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      rings[i] = KeyRing::LoadOrCreate(keys);
      secrets[i] = SodiumTokenService::LoadOrCreateKey(secret);
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 1; i < kThreads; ++i) {
    EXPECT_EQ(rings[i].index_key, rings[0].index_key);
    EXPECT_EQ(rings[i].data_keys, rings[0].data_keys);
    EXPECT_EQ(secrets[i], secrets[0]);
  }
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 2u) << "no temporary files left behind";
}

}  // namespace
}  // namespace closeloop::security
