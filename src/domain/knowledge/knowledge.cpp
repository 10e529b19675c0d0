#include "domain/knowledge/knowledge.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/complaint/entities.h"
#include "domain/complaint/repository.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/repository.h"
#include "domain/model/ids.h"
#include "domain/org/repository.h"
#include "domain/sla/sla_timers.h"
#include "domain/survey/entities.h"
#include "domain/survey/repository.h"
#include "domain/tasks/entities.h"
#include "domain/tasks/repository.h"
#include "domain/unit_of_work.h"

namespace closeloop::domain {

using core::Status;

namespace {

std::optional<Id> ActorId(const Principal& who) {
  return who.user_id > 0 ? std::optional<Id>(who.user_id) : std::nullopt;
}

}  // namespace

Status ManageKnowledge::Check(const ArticleInput& in, bool creating) const {
  if (creating || in.title) {
    CL_RETURN_IF_ERROR(CheckText("title", in.title.value_or(""), kMaxTitleChars, true));
  }
  if (creating || in.body) {
    CL_RETURN_IF_ERROR(CheckText("body", in.body.value_or(""), kMaxBodyChars, true));
  }
  if (in.category && !in.category->empty()) CL_RETURN_IF_ERROR(CheckCategory(ctx_, *in.category));
  if (in.tags) CL_RETURN_IF_ERROR(CheckText("tags", *in.tags, 500, false));
  if (in.level && *in.level != "basic" && *in.level != "advanced" && *in.level != "expert") {
    return Status::Invalid("level", "level is basic, advanced or expert");
  }
  if (in.product_line) CL_RETURN_IF_ERROR(CheckText("product_line", *in.product_line, 100, false));
  if (in.state && *in.state != "draft" && *in.state != "published" && *in.state != "archived") {
    return Status::Invalid("state", "state is draft, published or archived");
  }
  if (in.state && in.active && (*in.active != (*in.state == "published"))) {
    return Status::Invalid("active", "active and state disagree");
  }
  return Status::Ok();
}

namespace {

void ApplyState(KnowledgeArticle& a, const ArticleInput& in) {
  if (in.active) {
    a.active = *in.active;
    a.draft = false;
  }
  if (in.state) {
    a.draft = *in.state == "draft";
    a.active = *in.state == "published";
  }
}

}  // namespace

core::Result<KnowledgeArticle> ManageKnowledge::Create(const Principal& who,
                                                       const ArticleInput& in) const {
  if (!ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("your role may not write knowledge articles");
  }
  CL_RETURN_IF_ERROR(Check(in, true));
  KnowledgeArticle a;
  a.title = core::Trim(*in.title);
  a.body = *in.body;
  a.category = in.category.value_or("");
  a.tags = core::Trim(in.tags.value_or(""));
  a.level = in.level.value_or("basic");
  a.product_line = core::Trim(in.product_line.value_or(""));
  ApplyState(a, in);
  a.author_id = ActorId(who);
  a.created_at = a.updated_at = ctx_.clock.Now();
  Status status = ctx_.store.Write([&](Repositories& repos) {
    a.id = repos.knowledge().Insert(a);
    repos.knowledge().InsertVersion(a, a.author_id, a.created_at);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

core::Result<KnowledgeArticle> ManageKnowledge::Update(const Principal& who, Id id,
                                                       const ArticleInput& in) const {
  if (!ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("your role may not write knowledge articles");
  }
  CL_RETURN_IF_ERROR(Check(in, false));
  KnowledgeArticle a;
  Status status = ctx_.store.Write([&](Repositories& repos) -> Status {
    auto found = repos.knowledge().Find(id);
    if (!found) return Status::NotFound("knowledge article " + std::to_string(id) + " not found");
    a = *found;
    if (in.title) a.title = core::Trim(*in.title);
    if (in.body) a.body = *in.body;
    if (in.category) a.category = *in.category;
    if (in.tags) a.tags = core::Trim(*in.tags);
    if (in.level) a.level = *in.level;
    if (in.product_line) a.product_line = core::Trim(*in.product_line);
    ApplyState(a, in);
    a.updated_at = ctx_.clock.Now();
    ++a.version;
    repos.knowledge().Update(a);
    repos.knowledge().InsertVersion(a, ActorId(who), a.updated_at);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

core::Result<KnowledgeArticle> ManageKnowledge::Get(const Principal& who, Id id) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read knowledge articles");
  }
  std::optional<KnowledgeArticle> found;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    found = repos.knowledge().Find(id);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (!found || (found->draft && !ctx_.policy.Allows(who, Permission::kKnowledgeManage))) {
    return Status::NotFound("knowledge article " + std::to_string(id) + " not found");
  }
  return *found;
}

core::Result<std::vector<ArticleVersion>> ManageKnowledge::Versions(const Principal& who,
                                                                    Id id) const {
  CL_RETURN_IF_ERROR(Get(who, id).status());
  std::vector<ArticleVersion> out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.knowledge().Versions(id);
    return Status::Ok();
  }));
  return out;
}

core::Result<ArticleUsage> ManageKnowledge::Usage(const Principal& who, Id id) const {
  CL_RETURN_IF_ERROR(Get(who, id).status());
  ArticleUsage out;
  CL_RETURN_IF_ERROR(ctx_.store.Read([&](Repositories& repos) {
    out = repos.knowledge().UsageOf(id);
    return Status::Ok();
  }));
  return out;
}

Status ManageKnowledge::RecordUsage(const Principal& who, Id id, const std::string& kind,
                                    const std::string& complaint_key) const {
  if (kind != "opened" && kind != "used") {
    return Status::Invalid("kind", "kind is opened or used");
  }
  if (complaint_key.empty()) return Status::Invalid("complaint", "complaint is required");
  CL_RETURN_IF_ERROR(Get(who, id).status());
  return ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, complaint_key);
    if (!loaded.ok()) return Status::Invalid("complaint", loaded.status().message());
    repos.knowledge().RecordUsage(id, loaded.value().id, kind, ActorId(who), ctx_.clock.Now());
    return Status::Ok();
  });
}

core::Result<KnowledgeArticle> ManageKnowledge::Promote(const Principal& who,
                                                        const std::string& key) const {
  if (!ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("your role may not write knowledge articles");
  }
  KnowledgeArticle a;
  CL_RETURN_IF_ERROR(ctx_.store.Write([&](Repositories& repos) -> Status {
    auto loaded = LoadVisibleComplaint(repos, ctx_, who, key);
    if (!loaded.ok()) return loaded.status();
    const Complaint& c = loaded.value();
    if (c.status != ComplaintStatus::kResolved && c.status != ComplaintStatus::kClosed) {
      return Status::Conflict("complaint " + c.reference +
                              " is not resolved; only a resolved complaint becomes an article");
    }
    // An article is read by everyone: personal data is masked whatever the author may see.
    auto mask = [&](const std::string& text) {
      return ctx_.text_masker ? ctx_.text_masker->Mask(text) : text;
    };
    std::string cause = "类型 type: " + std::string(c.type ? ToString(*c.type) : "-") +
                        "；类别 category: " + (c.category.empty() ? "-" : c.category);
    for (const DepartmentTask& t : repos.tasks().ForComplaint(c.id)) {
      if (t.status == "done")
        cause += "\n- " + mask(t.title) + (t.details.empty() ? "" : ": " + mask(t.details));
    }
    std::string solution = "-";
    if (auto r = repos.outcomes().FindResolution(c.id)) {
      solution =
          std::string(ToString(r->remedy)) + (r->summary.empty() ? "" : "：" + mask(r->summary));
    }
    std::string satisfied = "-";
    for (const SurveyResponse& s : repos.surveys().SurveyResponsesOf({c.id})) {
      if (s.csat && *s.csat >= 4) {
        satisfied = "CSAT " + std::to_string(*s.csat) + "/5" +
                    (s.comment.empty() ? "" : "：" + mask(s.comment));
      }
    }
    a.title = mask(c.title.empty() ? c.description.substr(0, 60) : c.title);
    a.body = "问题 / Problem\n" + mask(c.description) + "\n\n原因 / Cause\n" + cause +
             "\n\n解决方案 / Solution\n" + solution +
             "\n\n客户满意之处 / What satisfied the customer\n" + satisfied + "\n";
    a.category = c.category;
    if (c.product_id) {
      if (auto product = repos.org().FindProduct(*c.product_id))
        a.product_line = product->product_line;
    }
    a.draft = true;
    a.active = false;
    a.source_complaint_id = c.id;
    a.author_id = ActorId(who);
    a.created_at = a.updated_at = ctx_.clock.Now();
    a.id = repos.knowledge().Insert(a);
    repos.knowledge().InsertVersion(a, a.author_id, a.created_at);
    return Status::Ok();
  }));
  return a;
}

core::Result<std::vector<KnowledgeArticle>> ManageKnowledge::Search(const Principal& who,
                                                                    const std::string& text,
                                                                    const std::string& category,
                                                                    bool include_inactive,
                                                                    int limit) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read knowledge articles");
  }
  if (include_inactive && !ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("only editors see archived articles");
  }
  CL_RETURN_IF_ERROR(CheckText("q", text, 200, false));
  if (!category.empty()) CL_RETURN_IF_ERROR(CheckCategory(ctx_, category));
  ArticleQuery query;
  for (const auto& word : core::Split(core::AsciiLower(text), ' ')) {
    if (!core::Trim(word).empty()) query.terms.push_back(core::Trim(word));
  }
  query.category = category;
  query.include_inactive = include_inactive;
  query.limit = std::clamp(limit, 1, 200);
  std::vector<KnowledgeArticle> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = repos.knowledge().Search(query);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

core::Result<std::vector<std::string>> ManageDictionary::List(const Principal& who) const {
  if (!ctx_.policy.Allows(who, Permission::kComplaintRead)) {
    return Status::Denied("your role may not read the dictionary");
  }
  std::vector<std::string> out;
  Status status = ctx_.store.Read([&](Repositories& repos) {
    out = repos.knowledge().DomainWords();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Status ManageDictionary::Publish(Repositories& repos) const {
  if (ctx_.analyzer) ctx_.analyzer->SetDomainWords(repos.knowledge().DomainWords());
  return Status::Ok();
}

core::Result<int> ManageDictionary::Add(const Principal& who,
                                        const std::vector<std::string>& words) const {
  if (!ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("your role may not change the dictionary");
  }
  if (words.empty()) return Status::Invalid("words", "give at least one word");
  std::vector<std::string> clean;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string field = "words[" + std::to_string(i) + "]";
    const std::string w = core::Trim(words[i]);
    CL_RETURN_IF_ERROR(CheckText(field, w, kMaxWordChars, true));
    if (core::Utf8Length(w) < 2) return Status::Invalid(field, "a word has 2 characters or more");
    if (w.find_first_of(" \t\r\n") != std::string::npos) {
      return Status::Invalid(field, "a word has no spaces");
    }
    clean.push_back(w);
  }
  int added = 0;
  Status status = ctx_.store.Write([&](Repositories& repos) {
    for (const auto& w : clean)
      added += repos.knowledge().AddDomainWord(w, ActorId(who), ctx_.clock.Now());
    return Publish(repos);
  });
  if (!status.ok()) return status;
  return added;
}

Status ManageDictionary::Remove(const Principal& who, const std::string& word) const {
  if (!ctx_.policy.Allows(who, Permission::kKnowledgeManage)) {
    return Status::Denied("your role may not change the dictionary");
  }
  return ctx_.store.Write([&](Repositories& repos) -> Status {
    if (!repos.knowledge().RemoveDomainWord(word)) {
      return Status::NotFound("'" + word + "' is not in the dictionary");
    }
    return Publish(repos);
  });
}

Status ManageDictionary::Load() const {
  return ctx_.store.Read([&](Repositories& repos) { return Publish(repos); });
}

}  // namespace closeloop::domain
