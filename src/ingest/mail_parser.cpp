#include "ingest/mail_parser.h"

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "core/charset.h"
#include "core/text.h"
#include "domain/complaint/entities.h"

namespace closeloop::ingest {

using core::Status;

namespace {

void InitGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

template <typename T>
struct GObjectDeleter {
  void operator()(T* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectDeleter<T>>;

struct GFreeDeleter {
  void operator()(char* p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFreeDeleter>;

std::string Lower(const char* s) { return s ? core::AsciiLower(s) : std::string(); }

// A header's value as UTF-8 text (RFC 2047 decoded), or empty.
std::string HeaderText(GMimeObject* object, const char* name) {
  const char* raw = g_mime_object_get_header(object, name);
  if (!raw) return {};
  GString_ decoded(g_mime_utils_header_decode_text(nullptr, raw));
  std::string text = decoded ? decoded.get() : raw;
  return core::IsValidUtf8(text) ? core::Trim(text) : std::string();
}

// Why the message was written by a machine (bounce, auto-reply, list), or empty.
std::string AutomaticReason(GMimeMessage* message, const std::string& from_email,
                            const std::string& subject) {
  GMimeObject* object = GMIME_OBJECT(message);
  GMimeObject* body = g_mime_message_get_mime_part(message);
  GMimeContentType* type = body ? g_mime_object_get_content_type(body) : nullptr;
  if (type && g_mime_content_type_is_type(type, "multipart", "report")) {
    return "delivery report (" + Lower(g_mime_content_type_get_parameter(type, "report-type")) +
           ")";
  }
  const std::string auto_submitted = Lower(g_mime_object_get_header(object, "Auto-Submitted"));
  if (!auto_submitted.empty() && auto_submitted != "no") {
    return "Auto-Submitted: " + auto_submitted;
  }
  for (const char* header : {"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"}) {
    if (g_mime_object_get_header(object, header)) return std::string(header) + " header";
  }
  const std::string precedence = Lower(g_mime_object_get_header(object, "Precedence"));
  if (precedence == "bulk" || precedence == "junk" || precedence == "auto_reply" ||
      precedence == "list") {
    return "Precedence: " + precedence;
  }
  const std::string local = from_email.substr(0, from_email.find('@'));
  if (local == "mailer-daemon" || local == "postmaster") return "sent by " + local;
  const std::string s = core::AsciiLower(subject);
  for (const char* marker :
       {"auto:", "automatic reply", "autoreply", "out of office", "undeliverable",
        "delivery status notification", "returned mail", "自动回复", "退信", "系统退信"}) {
    if (s.find(marker) != std::string::npos) return std::string("subject says '") + marker + "'";
  }
  return {};
}

std::string DecodedBytes(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return {};
  GPtr<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// The size a part will have once decoded, estimated from its encoded length, so that huge
// attachments are not decoded into memory only to be dropped.
std::int64_t EstimatedSize(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return 0;
  GMimeStream* stream = g_mime_data_wrapper_get_stream(content);
  gint64 length = stream ? g_mime_stream_length(stream) : 0;
  if (length < 0) length = 0;
  return g_mime_part_get_content_encoding(part) == GMIME_CONTENT_ENCODING_BASE64 ? length * 3 / 4
                                                                                 : length;
}

// Text of a text part in UTF-8. GMime converts from the declared charset; when that fails (an
// unknown or wrong charset) the bytes are tried as UTF-8, then GB18030, then replaced.
std::string PartText(GMimePart* part) {
  std::string bytes = DecodedBytes(part);
  GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(part));
  const char* declared = type ? g_mime_content_type_get_parameter(type, "charset") : nullptr;
  if (declared) {
    core::Utf8Converter converter(declared);
    if (converter.Valid()) {
      if (auto text = converter.Convert(bytes)) return *text;
    }
  }
  if (core::IsValidUtf8(bytes)) return bytes;
  if (auto text = core::Utf8Converter("GB18030").Convert(bytes)) return *text;
  std::string cleaned;
  for (char c : bytes) cleaned += (static_cast<unsigned char>(c) < 0x80) ? c : '?';
  return cleaned;
}

struct Walk {
  const MailParseOptions* options;
  std::string plain;
  std::string html;
  std::vector<domain::Attachment> attachments;
};

void VisitPart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  Walk& walk = *static_cast<Walk*>(data);
  if (!GMIME_IS_PART(object)) return;  // multiparts and attached messages are containers
  GMimePart* part = GMIME_PART(object);
  GMimeContentType* type = g_mime_object_get_content_type(object);
  const bool is_attachment = g_mime_part_is_attachment(part);
  if (!is_attachment && type && g_mime_content_type_is_type(type, "text", "plain")) {
    if (walk.plain.empty()) walk.plain = PartText(part);
    return;
  }
  if (!is_attachment && type && g_mime_content_type_is_type(type, "text", "html")) {
    if (walk.html.empty()) walk.html = PartText(part);
    return;
  }
  domain::Attachment a;
  const char* filename = g_mime_part_get_filename(part);
  a.filename = filename && core::IsValidUtf8(filename) ? filename : "attachment";
  GString_ mime(type ? g_mime_content_type_get_mime_type(type) : nullptr);
  a.content_type = mime ? Lower(mime.get()) : "application/octet-stream";
  const std::int64_t estimate = EstimatedSize(part);
  if (estimate > walk.options->max_attachment_bytes) {
    a.size_bytes = estimate;
    a.stored = false;
  } else {
    a.content = DecodedBytes(part);
    a.size_bytes = static_cast<std::int64_t>(a.content.size());
    a.stored = a.size_bytes <= walk.options->max_attachment_bytes;
    if (!a.stored) a.content.clear();
  }
  walk.attachments.push_back(std::move(a));
}

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  size_t i = 0;
  auto newline = [&] {
    if (!out.empty() && out.back() != '\n') out += '\n';
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string tag = core::AsciiLower(html.substr(i + 1, end - i - 1));
      std::string name = tag.substr(tag[0] == '/' ? 1 : 0);
      name = name.substr(0, name.find_first_of(" \t\r\n/"));
      if ((name == "script" || name == "style" || name == "head") && tag[0] != '/') {
        size_t close = core::AsciiLower(html.substr(end)).find("</" + name);
        i = close == std::string::npos ? html.size() : html.find('>', end + close) + 1;
        if (i == 0) i = html.size();
        continue;
      }
      if (name == "br" || name == "p" || name == "div" || name == "li" || name == "tr" ||
          name == "h1" || name == "h2" || name == "h3" || name == "blockquote") {
        newline();
      }
      i = end + 1;
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string entity(html.substr(i + 1, semi - i - 1));
        static const std::pair<const char*, const char*> kNamed[] = {
            {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
        bool done = false;
        for (const auto& [n, v] : kNamed) {
          if (entity == n) out += v, done = true;
        }
        if (!done && entity.size() > 1 && entity[0] == '#') {
          const bool hex = entity[1] == 'x' || entity[1] == 'X';
          const std::string digits = entity.substr(hex ? 2 : 1);
          if (!digits.empty() &&
              digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") ==
                  std::string::npos &&
              digits.size() <= 7) {
            AppendUtf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
            done = true;
          }
        }
        if (done) {
          i = semi + 1;
          continue;
        }
      }
    }
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) {
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  return core::Trim(out);
}

core::Result<domain::InboundMail> ParseMail(std::string_view raw, const MailParseOptions& options) {
  InitGMime();
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(raw.data(), static_cast<size_t>(raw.size())));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return Status::Invalid("message", "not an RFC 822 message");
  GMimeObject* object = GMIME_OBJECT(message.get());

  domain::InboundMail mail;
  if (const char* id = g_mime_message_get_message_id(message.get())) {
    if (core::IsValidUtf8(id)) mail.message_id = id;
  }
  for (const char* header : {"In-Reply-To", "References"}) {
    const char* value = g_mime_object_get_header(object, header);
    if (!value) continue;
    GMimeReferences* refs = g_mime_references_parse(nullptr, value);
    if (!refs) continue;
    std::vector<std::string> ids;
    for (int k = 0; k < g_mime_references_length(refs); ++k) {
      const char* ref = g_mime_references_get_message_id(refs, k);
      if (ref && core::IsValidUtf8(ref)) ids.push_back(ref);
    }
    g_mime_references_free(refs);
    // References lists oldest first; the newest is the most specific thread.
    if (std::string(header) == "References") std::reverse(ids.begin(), ids.end());
    mail.references.insert(mail.references.end(), ids.begin(), ids.end());
  }
  InternetAddressList* from = g_mime_message_get_from(message.get());
  if (from && internet_address_list_length(from) > 0) {
    InternetAddress* address = internet_address_list_get_address(from, 0);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
      if (addr && core::IsValidUtf8(addr)) mail.from_email = core::AsciiLower(core::Trim(addr));
    }
    const char* name = internet_address_get_name(address);
    if (name && core::IsValidUtf8(name)) mail.from_name = core::Trim(name);
  }
  if (const char* subject = g_mime_message_get_subject(message.get())) {
    if (core::IsValidUtf8(subject)) mail.subject = core::Trim(subject);
  }
  if (mail.subject.empty()) mail.subject = HeaderText(object, "Subject");

  Walk walk{&options, {}, {}, {}};
  g_mime_message_foreach(message.get(), VisitPart, &walk);
  // A message whose top level is a single part is not visited as a child.
  if (GMimeObject* body = g_mime_message_get_mime_part(message.get())) {
    if (GMIME_IS_PART(body) && walk.plain.empty() && walk.html.empty() &&
        walk.attachments.empty()) {
      VisitPart(nullptr, body, &walk);
    }
  }
  mail.text = !walk.plain.empty() ? core::Trim(walk.plain) : HtmlToText(walk.html);
  mail.attachments = std::move(walk.attachments);
  if (mail.from_email.empty() && mail.subject.empty() && mail.text.empty() &&
      mail.attachments.empty()) {
    return Status::Invalid("message", "no sender, subject or body: not a message");
  }
  mail.automatic = AutomaticReason(message.get(), mail.from_email, mail.subject);
  return mail;
}

}  // namespace closeloop::ingest
