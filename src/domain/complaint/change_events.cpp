#include "domain/complaint/change_events.h"

#include <algorithm>

namespace closeloop::domain {

const char* ToString(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCreated:
      return "created";
    case ChangeKind::kAnalysed:
      return "analysed";
    case ChangeKind::kUpdated:
      return "updated";
    case ChangeKind::kStatusChanged:
      return "status_changed";
    case ChangeKind::kAssigned:
      return "assigned";
    case ChangeKind::kRouted:
      return "routed";
    case ChangeKind::kEscalated:
      return "escalated";
    case ChangeKind::kPublicReply:
      return "public_reply";
    case ChangeKind::kCustomerReplied:
      return "customer_replied";
    case ChangeKind::kSurveyAnswered:
      return "survey_answered";
    case ChangeKind::kSurveySent:
      return "survey_sent";
  }
  return "?";
}

bool ComplaintChange::Changed(const std::string& field) const {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

core::Status ChangeEvents::Publish(const ComplaintChange& change, Repositories& repos) const {
  for (ChangeSubscriber* s : subscribers_) {
    CL_RETURN_IF_ERROR(s->OnChange(change, repos));
  }
  return core::Status::Ok();
}

}  // namespace closeloop::domain
