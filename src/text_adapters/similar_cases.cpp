#include "text_adapters/similar_cases.h"

#include <mutex>
#include <shared_mutex>

#include "domain/model/ids.h"
#include "text/case_index.h"

namespace closeloop::text_adapters {

namespace {

class LockedCaseIndex final : public domain::SimilarCaseIndex {
 public:
  void Add(domain::Id id, const std::string& title, const std::string& description) override {
    const std::string text = title + "\n" + description;
    std::unique_lock lock(mutex_);
    index_.Add(id, text);
  }

  std::vector<std::pair<domain::Id, double>> Similar(const std::string& title,
                                                     const std::string& description,
                                                     size_t limit) const override {
    std::vector<text::CaseIndex::Hit> hits;
    {
      std::shared_lock lock(mutex_);
      hits = index_.Query(title + "\n" + description, limit);
    }
    std::vector<std::pair<domain::Id, double>> out;
    out.reserve(hits.size());
    for (const auto& h : hits) out.emplace_back(h.id, h.score);
    return out;
  }

  size_t size() const override {
    std::shared_lock lock(mutex_);
    return index_.size();
  }

 private:
  mutable std::shared_mutex mutex_;
  text::CaseIndex index_;
};

}  // namespace

std::unique_ptr<domain::SimilarCaseIndex> MakeSimilarCaseIndex() {
  return std::make_unique<LockedCaseIndex>();
}

}  // namespace closeloop::text_adapters
