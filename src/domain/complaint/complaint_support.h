// Shared steps of the complaint use cases: loading with scope checks, validation of fields and
// references, views with masking. Internal to domain/complaint (routing uses the event helpers).
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "domain/complaint/complaint_io.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/context.h"
#include "domain/customer/entities.h"
#include "domain/model/ids.h"
#include "domain/model/validation.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

// "CL-20261122-000123".
std::string FormatReference(const std::string& day, std::int64_t sequence);

// Finds a complaint by numeric id or reference number. A complaint outside the caller's scope is
// reported as not found, so its existence does not leak.
core::Result<Complaint> LoadVisibleComplaint(Repositories& repos, const Context& ctx,
                                             const Principal& who, const std::string& key);

// Whether the caller may see this complaint: the policy's scope, or (for a department team) an
// open or closed task of one of the caller's teams on it.
bool ComplaintVisible(Repositories& repos, const Context& ctx, const Principal& who,
                      const Complaint& complaint);
// Whether the caller may see this customer record: unscoped callers see all; a scoped caller
// sees the records made in their scope and customers with a complaint in their scope that was not
// linked by matching an identity the filer could not see (Complaint::customer_match).
bool CustomerVisible(Repositories& repos, const Principal& who, Id customer_id);

// Identity resolution as a caller may see it (issue 12, item 1). `found` is the record an
// identity (phone, email, platform account, external id) led to. The caller works with that
// record when they may see it, else with a record of the same person they may see; when there is
// none, nothing: the caller then makes a regional record (NewRegionalRecord) holding only what
// they gave, so that nothing they are answered tells them the person is known elsewhere.
std::optional<Customer> RecordForCaller(Repositories& repos, const Principal& who,
                                        const Customer& found);
// A new record for `person` (a main record the caller may not see), in the caller's scope.
Customer NewRegionalRecord(const Principal& who, Id person);
// Places a record a scoped caller makes in their scope, so that they see it at once.
void PlaceInCallerScope(const Principal& who, Customer& record);

ComplaintView MakeView(Repositories& repos, const Context& ctx, const Principal& who,
                       Complaint complaint);
Customer MaskedFor(const Context& ctx, const Principal& who, Customer customer);
// Free text as the caller may read it: personal data inside it masked unless the role may read
// personal data (descriptions, titles, notes, drafts, history, notifications).
std::string ReadableText(const Context& ctx, const Principal& who, std::string text);
// The same for every free-text field of a complaint.
void MaskFreeText(const Context& ctx, const Principal& who, Complaint& complaint);
void MaskFreeText(const Context& ctx, const Principal& who, ComplaintEvent& event);

core::Status CheckCategory(const Context& ctx, const std::string& category);

// Verifies the place references and fills in what follows from them (store → city → region).
core::Status ResolvePlace(Repositories& repos, std::optional<Id>& region_id,
                          std::optional<Id>& city_id, std::optional<Id>& store_id);
// An assignee must be an active user who works complaints (admin, manager or agent).
core::Status CheckAssignee(Repositories& repos, Id user_id, const std::string& field);

std::string EncodeCursor(const ComplaintCursor& cursor);
std::optional<ComplaintCursor> DecodeCursor(const std::string& text);

// Records an event with the caller as actor and the current time.
void AppendEvent(Repositories& repos, const Context& ctx, const Principal& who,
                 ComplaintEvent event);

// Moves `c` to `assigned` (the caller has checked that the lifecycle and the caller allow it),
// recording the transition; the caller stores the complaint.
void MoveToAssigned(Repositories& repos, const Context& ctx, const Principal& who, Complaint& c);

// A person gave `c` (already carrying its new assignee) to someone: subscribers record the
// routing decision, restart the SLA clock and tell the new assignee.
core::Status PublishHandOver(Repositories& repos, const Context& ctx, const Principal& who,
                             const Complaint& c, std::optional<Id> previous,
                             const std::string& reason, UnixMillis now);

// Tells the change's subscribers (ctx.changes), inside the caller's unit of work; their error is
// the caller's to return (it rolls the change back).
core::Status PublishChange(Repositories& repos, const Context& ctx, const ComplaintChange& change);

// Sets the safety flag and raises the priority to urgent, recorded as an update by the system;
// stores the complaint.
void MarkSafety(Repositories& repos, const Context& ctx, Complaint& complaint,
                const std::string& why);

// Raises the complaint's escalation level by one and its priority to at least high; returns the
// `escalated` event (without actor and time) that records it.
ComplaintEvent Escalate(Complaint& complaint, const std::string& note);

}  // namespace closeloop::domain
