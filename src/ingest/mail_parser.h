// RFC 822 / MIME messages into InboundMail, with GMime: RFC 2047 headers, quoted-printable and
// base64, any charset iconv knows (UTF-8, GBK / GB2312 / GB18030, Big5…), HTML-only bodies
// turned into text, attachments kept up to a size limit, bounces and auto-replies recognised.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/intake/mail.h"

namespace closeloop::ingest {

struct MailParseOptions {
  // Attachments larger than this are listed (name, type, size) but their bytes are not kept.
  std::int64_t max_attachment_bytes = 10 << 20;
};

// Fails (naming "message") only when the bytes are not a message at all: no headers, no
// From and no body. Damaged parts are kept as far as they can be read.
core::Result<domain::InboundMail> ParseMail(std::string_view raw, const MailParseOptions& options);

// Readable text from HTML: tags dropped, script and style skipped, block elements and <br> as
// line breaks, entities decoded.
std::string HtmlToText(std::string_view html);

}  // namespace closeloop::ingest
