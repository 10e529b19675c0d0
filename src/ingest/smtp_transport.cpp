#include "ingest/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <mutex>

namespace closeloop::ingest {

using core::Status;

namespace {

std::string Base64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string RfcDate(core::UnixMillis t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// Header values must not carry line breaks (header injection).
std::string OneLine(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

// RFC 2047 encoded words of at most 75 characters each, split between UTF-8 characters.
std::string EncodedWords(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(start + 39, text.size());  // 52 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out.empty() ? "=?UTF-8?B?"
                       "?="
                     : out;  // split: "??=" would read as a trigraph
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

std::string FormatMessage(const std::string& from, const domain::OutgoingMail& mail,
                          core::UnixMillis date) {
  std::string m;
  m += "From: " + OneLine(from) + "\r\n";
  m += "To: " + OneLine(mail.to) + "\r\n";
  m += "Subject: " + EncodedWords(OneLine(mail.subject)) + "\r\n";
  m += "Date: " + RfcDate(date) + "\r\n";
  m += "Message-ID: <" + OneLine(mail.message_id) + ">\r\n";
  if (!mail.in_reply_to.empty()) {
    m += "In-Reply-To: <" + OneLine(mail.in_reply_to) + ">\r\n";
    m += "References: <" + OneLine(mail.in_reply_to) + ">\r\n";
  }
  m += "Auto-Submitted: auto-replied\r\n";  // so other robots do not answer us
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: base64\r\n\r\n";
  const std::string body = Base64(mail.body);
  for (size_t i = 0; i < body.size(); i += 76) m += body.substr(i, 76) + "\r\n";
  return m;
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

SmtpTransport::~SmtpTransport() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Status SmtpTransport::Send(const std::string& from, const domain::OutgoingMail& mail) {
  if (mail.to.find_first_of("\r\n<>") != std::string::npos ||
      mail.to.find('@') == std::string::npos) {
    return Status::Invalid("to", "not a deliverable address");
  }
  std::string message =
      FormatMessage(from, mail, static_cast<core::UnixMillis>(std::time(nullptr)) * 1000);
  Upload upload{&message};
  if (!curl_) curl_ = curl_easy_init();
  if (!curl_) return Status::Internal("curl_easy_init failed");
  CURL* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);  // options go, the open connection stays
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + mail.to + ">").c_str());
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (options_.require_tls)
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  curl_slist_free_all(recipients);
  if (rc != CURLE_OK) {
    return Status::Internal(std::string("SMTP: ") + curl_easy_strerror(rc) +
                            (response ? " (server said " + std::to_string(response) + ")" : ""));
  }
  return Status::Ok();
}

}  // namespace closeloop::ingest
