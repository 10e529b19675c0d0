#include "security/key_bundle.h"

#include <gtest/gtest.h>

namespace closeloop::security {
namespace {

const KeyFiles kFiles = {{"keys", "index abc\nkey 1 def\n"}, {"secret", std::string(32, '\x07')}};

TEST(KeyBundle, OpensWithItsPassphraseToTheSameFiles) {
  auto sealed = SealKeyBundle(kFiles, "correct horse battery");
  ASSERT_TRUE(sealed.ok()) << sealed.status().ToString();
  EXPECT_EQ(sealed->find("index abc"), std::string::npos) << "the keys must not be readable";
  auto opened = OpenKeyBundle(*sealed, "correct horse battery");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, kFiles);
}

TEST(KeyBundle, AWrongPassphraseOrATamperedBundleIsRefusedNamingThePassphrase) {
  auto sealed = SealKeyBundle(kFiles, "correct horse battery");
  ASSERT_TRUE(sealed.ok());
  auto wrong = OpenKeyBundle(*sealed, "correct horse battery!");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().field(), "passphrase");
  std::string tampered = *sealed;
  tampered[tampered.size() - 3] ^= 1;
  EXPECT_FALSE(OpenKeyBundle(tampered, "correct horse battery").ok());
  EXPECT_FALSE(OpenKeyBundle("CLKB1short", "correct horse battery").ok());
}

TEST(KeyBundle, AShortPassphraseIsRefused) {
  auto sealed = SealKeyBundle(kFiles, "short");
  ASSERT_FALSE(sealed.ok());
  EXPECT_EQ(sealed.status().field(), "passphrase");
}

}  // namespace
}  // namespace closeloop::security
