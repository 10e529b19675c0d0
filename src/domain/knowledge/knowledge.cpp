#include "domain/knowledge/knowledge.h"

#include "core/text.h"
#include "domain/complaint/complaint_support.h"
#include "domain/knowledge/entities.h"
#include "domain/knowledge/repository.h"
#include "domain/model/ids.h"
#include "domain/sla/sla_timers.h"
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
  return Status::Ok();
}

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
  a.active = in.active.value_or(true);
  a.author_id = ActorId(who);
  a.created_at = a.updated_at = ctx_.clock.Now();
  Status status = ctx_.store.Write([&](Repositories& repos) {
    a.id = repos.knowledge().Insert(a);
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
    if (in.active) a.active = *in.active;
    a.updated_at = ctx_.clock.Now();
    repos.knowledge().Update(a);
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
  if (!found) return Status::NotFound("knowledge article " + std::to_string(id) + " not found");
  return *found;
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
