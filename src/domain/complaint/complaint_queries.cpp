#include "domain/complaint/complaint_queries.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

core::Result<ComplaintView> GetComplaint::Execute(const Principal& who,
                                                  const std::string& key) const {
  ComplaintView view;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    view = MakeView(repos, ctx_, who, std::move(loaded.value()));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return view;
}

core::Result<ComplaintPage> ListComplaints::Execute(const Principal& who, ComplaintQuery query,
                                                    const std::string& cursor) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read complaints");
  }
  if (query.limit < 1 || query.limit > 200) {
    return Status::Invalid("limit", "limit must be between 1 and 200");
  }
  if (!cursor.empty()) {
    query.after = DecodeCursor(cursor);
    if (!query.after || query.after->sla != query.sort_by_sla) {
      return Status::Invalid("cursor", "cursor is not one this server issued for this order");
    }
  }
  if (!core::IsValidUtf8(query.text) || core::Utf8Length(query.text) > 200) {
    return Status::Invalid("q", "q must be valid UTF-8 of at most 200 characters");
  }
  CL_RETURN_IF_ERROR(CheckCategory(ctx_, query.category));  // a typo would list nothing
  if (query.received_from && query.received_to && *query.received_from >= *query.received_to) {
    return Status::Invalid("to", "to must be after from");
  }
  if (ctx_.analyzer) {
    for (const std::string& term : core::Split(query.text, ' ')) {
      if (term.empty()) continue;
      auto variants = ctx_.analyzer->ScriptVariants(term);
      if (variants.size() > 1) query.term_variants[term] = std::move(variants);
    }
  }
  const int page_size = query.limit;
  query.limit = page_size + 1;  // one more tells whether another page follows
  ComplaintPage page;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    std::vector<Complaint> rows = repos.complaints().List(query, who);
    bool more = static_cast<int>(rows.size()) > page_size;
    if (more) rows.resize(page_size);
    for (Complaint& c : rows) page.items.push_back(MakeView(repos, ctx_, who, std::move(c)));
    if (more) {
      const Complaint& last = page.items.back().complaint;
      page.next_cursor =
          EncodeCursor({last.received_at, last.id, query.sort_by_sla, last.sla_due_at});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

core::Result<std::vector<ComplaintEvent>> GetComplaintHistory::Execute(
    const Principal& who, const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kHistoryRead)) {
    return Status::Denied("your role may not read complaint history");
  }
  std::vector<ComplaintEvent> events;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    events = repos.events().ListForComplaint(loaded->id);
    for (ComplaintEvent& e : events) MaskFreeText(ctx_, who, e);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return events;
}

core::Result<std::vector<Note>> ListNotes::Execute(const Principal& who,
                                                   const std::string& key) const {
  std::vector<Note> notes;
  Status status = ctx_.store.Read([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    notes = repos.notes().ListForComplaint(loaded->id);
    for (Note& n : notes) n.body = ReadableText(ctx_, who, std::move(n.body));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return notes;
}

}  // namespace closeloop::domain
