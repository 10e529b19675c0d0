// Read-only complaint use cases. Out-of-scope complaints are "not found".
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/context.h"

namespace closeloop::domain {

class GetComplaint {
 public:
  explicit GetComplaint(const Context& ctx) : ctx_(ctx) {}
  // `key` is a numeric id or a reference number.
  core::Result<ComplaintView> Execute(const Principal& who, const std::string& key) const;

 private:
  const Context& ctx_;
};

class ListComplaints {
 public:
  explicit ListComplaints(const Context& ctx) : ctx_(ctx) {}
  // `cursor` is the next_cursor of the previous page, or empty for the first page.
  core::Result<ComplaintPage> Execute(const Principal& who, ComplaintQuery query,
                                      const std::string& cursor) const;

 private:
  const Context& ctx_;
};

// The complete, append-only history of a complaint, oldest first.
class GetComplaintHistory {
 public:
  explicit GetComplaintHistory(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<ComplaintEvent>> Execute(const Principal& who,
                                                    const std::string& key) const;

 private:
  const Context& ctx_;
};

class ListNotes {
 public:
  explicit ListNotes(const Context& ctx) : ctx_(ctx) {}
  core::Result<std::vector<Note>> Execute(const Principal& who, const std::string& key) const;

 private:
  const Context& ctx_;
};

}  // namespace closeloop::domain
