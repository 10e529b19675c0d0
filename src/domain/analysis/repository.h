// Storage of text analyses and of the trained model versions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/analysis/entities.h"
#include "domain/complaint/entities.h"
#include "domain/model/enums.h"
#include "domain/model/ids.h"

namespace closeloop::domain {

// Text analysis results and the pipeline's watermark.
class AnalysisRepository {
 public:
  virtual ~AnalysisRepository() = default;
  // Complaints above the watermark (not analysed yet), oldest first.
  virtual std::vector<Complaint> Pending(int limit) = 0;
  // Every stored fingerprint (to rebuild the duplicate index at start).
  virtual std::vector<std::pair<Id, std::uint64_t>> Fingerprints() = 0;
  // Complaints by id (title and description are what duplicate checks need).
  virtual std::vector<Complaint> Texts(const std::vector<Id>& ids) = 0;
  // Earlier complaints of the same customer about the same product or order and in the same
  // category (set, or suggested by analysis), received within `window` before `complaint`.
  virtual int CountRepeats(const Complaint& complaint, const std::string& category,
                           UnixMillis window) = 0;
  // How many analysed complaints were found to duplicate `original`.
  virtual int CountDuplicatesOf(Id original) = 0;
  // How long (received → resolved, ms) up to `limit` complaints took that were resolved before
  // `before`, newest first, of this category and type (an empty category or absent type: any).
  virtual std::vector<UnixMillis> HandlingTimes(const std::string& category,
                                                std::optional<ComplaintType> type,
                                                UnixMillis before, int limit) = 0;
  // Stores the analysis of each complaint and moves the watermark to the highest id.
  virtual void Save(const std::vector<std::pair<Id, TextAnalysis>>& results) = 0;
  virtual std::optional<TextAnalysis> Find(Id complaint_id) = 0;
};

// Model versions, and the labelled examples agents produced (complaints whose type or category
// a person set), for retraining.
class ModelRepository {
 public:
  virtual ~ModelRepository() = default;
  virtual Id Insert(const ModelVersion& model) = 0;
  virtual int NextVersion(const std::string& task) = 0;
  virtual std::optional<ModelVersion> Find(Id id) = 0;
  virtual std::optional<ModelVersion> Active(const std::string& task) = 0;
  virtual std::vector<ModelVersion> List(const std::string& task) = 0;  // newest first; "" all
  // Makes `id` the task's active version (deactivating the others); nothing active when empty.
  virtual void Activate(const std::string& task, std::optional<Id> id) = 0;
  virtual void SetThreshold(Id id, double threshold) = 0;
  // (text, label) of up to `limit` complaints labelled for the task ("type", "category"),
  // oldest first; text is title and description.
  virtual std::vector<std::pair<std::string, std::string>> LabelledExamples(const std::string& task,
                                                                            int limit) = 0;
  // Title and description of the newest `limit` complaints, newest first: the texts a model
  // will read, for adapting it to them (no labels).
  virtual std::vector<std::string> RecentTexts(int limit) = 0;
};

}  // namespace closeloop::domain
