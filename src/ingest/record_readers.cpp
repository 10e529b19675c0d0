#include "ingest/record_readers.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/charset.h"
#include "core/csv.h"
#include "core/text.h"

namespace closeloop::ingest {

using core::Status;
using domain::ImportKind;
using domain::ImportRecord;

namespace {

// Column titles found in Chinese spreadsheets, per import kind.
std::map<std::string, std::string> BuiltInHeaders(ImportKind kind) {
  std::map<std::string, std::string> common = {{"sku", "sku"},
                                               {"商品编码", "sku"},
                                               {"商品sku", "sku"},
                                               {"批次号", "batch_no"},
                                               {"批次", "batch_no"},
                                               {"订单号", "order_no"},
                                               {"门店编码", "store_code"},
                                               {"门店代码", "store_code"},
                                               {"大区", "region"},
                                               {"区域", "region"},
                                               {"城市", "city"},
                                               {"省份", "province"},
                                               {"渠道", "channel"}};
  auto add = [&](std::map<std::string, std::string> more) {
    common.insert(more.begin(), more.end());
    return common;
  };
  switch (kind) {
    case ImportKind::kComplaints:
      return add({{"投诉编号", "external_id"},
                  {"编号", "external_id"},
                  {"外部编号", "external_id"},
                  {"标题", "title"},
                  {"投诉内容", "description"},
                  {"内容", "description"},
                  {"描述", "description"},
                  {"问题描述", "description"},
                  {"类型", "type"},
                  {"投诉类型", "type"},
                  {"分类", "category"},
                  {"类别", "category"},
                  {"严重程度", "severity"},
                  {"优先级", "priority"},
                  {"诉求", "remedy"},
                  {"诉求说明", "remedy_detail"},
                  {"安全隐患", "safety_flag"},
                  {"索赔金额", "amount_claimed"},
                  {"订单金额", "order_amount"},
                  {"投诉时间", "received_at"},
                  {"接收时间", "received_at"},
                  {"发生时间", "occurred_at"},
                  {"客户编号", "customer_external_id"},
                  {"客户姓名", "customer_name"},
                  {"姓名", "customer_name"},
                  {"手机", "customer_phone"},
                  {"手机号", "customer_phone"},
                  {"电话", "customer_phone"},
                  {"邮箱", "customer_email"},
                  {"客户等级", "customer_tier"},
                  {"平台", "platform"},
                  {"平台账号", "account_id"}});
    case ImportKind::kCustomers:
      return add({{"客户编号", "external_id"},
                  {"编号", "external_id"},
                  {"姓名", "name"},
                  {"客户姓名", "name"},
                  {"手机", "phone"},
                  {"手机号", "phone"},
                  {"电话", "phone"},
                  {"邮箱", "email"},
                  {"地址", "address"},
                  {"身份证号", "id_card"},
                  {"等级", "tier"},
                  {"客户等级", "tier"},
                  {"平台", "platform"},
                  {"平台账号", "account_id"}});
    case ImportKind::kProducts:
      return add({{"商品名称", "name"},
                  {"名称", "name"},
                  {"产品线", "product_line"},
                  {"品类", "category"},
                  {"生命周期", "lifecycle_stage"},
                  {"上市日期", "launch_date"}});
    case ImportKind::kBatches:
      return add({{"生产日期", "production_date"}, {"工厂", "plant"}, {"生产工厂", "plant"}});
    case ImportKind::kStores:
      return add({{"门店名称", "name"}, {"名称", "name"}, {"编码", "code"}, {"门店编码", "code"}});
    case ImportKind::kOrders:
      return add({{"下单时间", "ordered_at"},
                  {"客户编号", "customer_external_id"},
                  {"手机", "customer_phone"},
                  {"金额", "amount"},
                  {"配送方式", "shipping_mode"},
                  {"数量", "quantity"},
                  {"商品金额", "item_amount"}});
  }
  return common;
}

// Turns raw field bytes into UTF-8 according to the encoding option.
class FieldDecoder {
 public:
  explicit FieldDecoder(const std::string& encoding)
      : auto_(core::AsciiLower(encoding) == "auto"), converter_(auto_ ? "GB18030" : encoding) {}
  bool Valid() const { return converter_.Valid(); }
  std::optional<std::string> Decode(const std::string& bytes) {
    if (auto_ && core::IsValidUtf8(bytes)) return bytes;
    return converter_.Convert(bytes);
  }

 private:
  bool auto_;
  core::Utf8Converter converter_;
};

std::string MapHeader(const std::string& raw, const ReaderOptions& options,
                      const std::map<std::string, std::string>& built_in) {
  std::string name = core::Trim(raw);
  if (auto it = options.header_map.find(name); it != options.header_map.end()) return it->second;
  std::string lower = core::AsciiLower(name);
  if (auto it = built_in.find(lower); it != built_in.end()) return it->second;
  for (char& c : lower) {
    if (c == ' ' || c == '-') c = '_';
  }
  return lower;
}

class CsvSource final : public domain::RecordSource {
 public:
  CsvSource(std::istream& in, std::int64_t total, char delimiter, const std::string& encoding)
      : reader_(in, delimiter), total_(total), decoder_(encoding) {}

  Status ReadHeader(ImportKind kind, const ReaderOptions& options) {
    if (!decoder_.Valid()) return Status::Invalid("encoding", "unknown encoding");
    std::vector<std::string> raw;
    std::string error;
    if (!reader_.Next(raw, error)) return Status::Invalid("file", "the file is empty");
    if (!error.empty()) return Status::Invalid("file", "header row: " + error);
    const auto built_in = BuiltInHeaders(kind);
    std::vector<std::string> names;
    for (const std::string& cell : raw) {
      auto text = decoder_.Decode(cell);
      if (!text) return Status::Invalid("file", "header row is not valid in the encoding");
      names.push_back(MapHeader(*text, options, built_in));
    }
    headers_ = std::make_shared<const std::vector<std::string>>(std::move(names));
    return Status::Ok();
  }

  bool Next(ImportRecord& record) override {
    std::string error;
    if (!reader_.Next(cells_, error)) return false;
    record.row = reader_.line();
    record.Clear();
    record.error = error;
    if (!error.empty()) return true;
    if (cells_.size() != headers_->size()) {
      record.error = "expected " + std::to_string(headers_->size()) + " columns, found " +
                     std::to_string(cells_.size());
      return true;
    }
    for (size_t i = 0; i < cells_.size(); ++i) {
      auto text = decoder_.Decode(cells_[i]);
      if (!text) {
        record.error = "column '" + (*headers_)[i] + "' is not valid text in the file's encoding";
        record.Clear();
        return true;
      }
      record.values.push_back(std::move(*text));
    }
    record.names = headers_;
    return true;
  }

  std::int64_t bytes_read() const override { return reader_.bytes_read(); }
  std::int64_t total_bytes() const override { return total_; }

 private:
  core::CsvReader reader_;
  std::int64_t total_;
  FieldDecoder decoder_;
  std::shared_ptr<const std::vector<std::string>> headers_;
  std::vector<std::string> cells_;
};

// One JSON object a line. A nested "customer" object becomes customer_* fields; an "items"
// array (orders) becomes one record per item, each with the order's fields.
class JsonlSource final : public domain::RecordSource {
 public:
  JsonlSource(std::istream& in, std::int64_t total, ImportKind kind, const ReaderOptions& options)
      : in_(*in.rdbuf()), total_(total), options_(options), built_in_(BuiltInHeaders(kind)) {}

  bool Next(ImportRecord& record) override {
    if (!pending_.empty()) {
      record = std::move(pending_.front());
      pending_.erase(pending_.begin());
      return true;
    }
    std::string line;
    bool too_long = false;
    for (;;) {
      if (!ReadLine(line, too_long)) return false;
      ++line_no_;
      if (too_long || !core::Trim(line).empty()) break;
    }
    record = ImportRecord{};
    record.row = line_no_;
    if (too_long) {
      record.error = "line longer than 4 MB";
      return true;
    }
    auto doc = nlohmann::json::parse(line, nullptr, false);
    if (doc.is_discarded()) {
      record.error = "not valid JSON";
      return true;
    }
    if (!doc.is_object()) {
      record.error = "the line is not a JSON object";
      return true;
    }
    std::vector<ImportRecord> items;
    for (const auto& [key, value] : doc.items()) {
      std::string name = MapHeader(key, options_, built_in_);
      if (name == "customer" && value.is_object()) {
        for (const auto& [sub, subvalue] : value.items()) {
          if (!Scalar("customer_" + sub, subvalue, record)) return true;
        }
      } else if (name == "items" && value.is_array()) {
        for (const auto& item : value) {
          ImportRecord one;
          one.row = line_no_;
          if (!item.is_object()) {
            record.error = "items must hold objects";
            return true;
          }
          for (const auto& [sub, subvalue] : item.items()) {
            if (!Scalar(MapHeader(sub, options_, built_in_), subvalue, one)) {
              record.error = one.error;
              return true;
            }
          }
          items.push_back(std::move(one));
        }
      } else if (!Scalar(name, value, record)) {
        return true;
      }
    }
    if (!items.empty()) {
      for (auto& item : items) {
        ImportRecord merged = record;  // the order's fields, then the item's
        for (size_t i = 0; item.names && i < item.names->size(); ++i) {
          merged.Add((*item.names)[i], item.values[i]);
        }
        item = std::move(merged);
      }
      record = std::move(items.front());
      pending_.assign(std::make_move_iterator(items.begin() + 1),
                      std::make_move_iterator(items.end()));
    }
    return true;
  }

  std::int64_t bytes_read() const override { return bytes_; }
  std::int64_t total_bytes() const override { return total_; }

 private:
  static bool Scalar(const std::string& name, const nlohmann::json& value, ImportRecord& record) {
    if (value.is_string()) {
      record.Add(name, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      record.Add(name, value.dump());
    } else if (!value.is_null()) {
      record.error = "field '" + name + "' must be a string, number or boolean";
      record.Clear();
      return false;
    }
    return true;
  }

  bool ReadLine(std::string& line, bool& too_long) {
    constexpr size_t kMaxLine = 4 << 20;
    line.clear();
    too_long = false;
    int c = in_.sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    while (c != std::char_traits<char>::eof() && c != '\n') {
      ++bytes_;
      if (line.size() < kMaxLine) {
        line += static_cast<char>(c);
      } else {
        too_long = true;
      }
      c = in_.sbumpc();
    }
    if (c == '\n') ++bytes_;
    if (line_no_ == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    return true;
  }

  std::streambuf& in_;
  std::int64_t total_;
  std::int64_t bytes_ = 0;
  std::int64_t line_no_ = 0;
  ReaderOptions options_;
  std::map<std::string, std::string> built_in_;
  std::vector<ImportRecord> pending_;
};

}  // namespace

std::string FormatFromFileName(const std::string& path) {
  auto ends = [&](const char* suffix) {
    std::string s = suffix;
    return path.size() >= s.size() && core::AsciiLower(path.substr(path.size() - s.size())) == s;
  };
  if (ends(".csv")) return "csv";
  if (ends(".tsv") || ends(".tab")) return "tsv";
  if (ends(".jsonl") || ends(".ndjson")) return "jsonl";
  return "";
}

core::Result<std::map<std::string, std::string>> ParseHeaderMap(const std::string& text) {
  std::map<std::string, std::string> out;
  for (const std::string& pair : core::Split(text, ',')) {
    if (core::Trim(pair).empty()) continue;
    size_t eq = pair.find('=');
    if (eq == std::string::npos || core::Trim(pair.substr(0, eq)).empty() ||
        core::Trim(pair.substr(eq + 1)).empty()) {
      return Status::Invalid("--map", "'" + pair + "' is not COLUMN=field");
    }
    out[core::Trim(pair.substr(0, eq))] = core::Trim(pair.substr(eq + 1));
  }
  return out;
}

core::Result<std::unique_ptr<domain::RecordSource>> OpenRecordSource(std::istream& in,
                                                                     std::int64_t total_bytes,
                                                                     ImportKind kind,
                                                                     const ReaderOptions& options) {
  // Refused before a row is read: an encoding we do not support, a mapping onto no field.
  const std::string encoding = core::AsciiLower(options.encoding);
  if (!encoding.empty() && encoding != "auto" && encoding != "utf-8" && encoding != "utf8" &&
      encoding != "gbk" && encoding != "gb18030" && encoding != "big5") {
    return Status::Invalid("encoding", "encoding must be auto, utf-8, gbk, gb18030 or big5, not '" +
                                           options.encoding + "'");
  }
  const auto& fields = domain::ImportFields(kind);
  for (const auto& [column, field] : options.header_map) {
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
      return Status::Invalid("map", "'" + column + "=" + field + "': " + field +
                                        " is no field of a " + ToString(kind) + " import");
    }
  }
  if (options.format == "csv" || options.format == "tsv") {
    auto source = std::make_unique<CsvSource>(in, total_bytes, options.format == "csv" ? ',' : '\t',
                                              options.encoding);
    CL_RETURN_IF_ERROR(source->ReadHeader(kind, options));
    return std::unique_ptr<domain::RecordSource>(std::move(source));
  }
  if (options.format == "jsonl") {
    return std::unique_ptr<domain::RecordSource>(
        std::make_unique<JsonlSource>(in, total_bytes, kind, options));
  }
  return Status::Invalid("format", "format must be csv, tsv or jsonl");
}

core::Result<std::unique_ptr<domain::RecordSource>> FileRecordReaders::Open(
    std::istream& in, std::int64_t total_bytes, domain::ImportKind kind,
    const domain::UploadFormat& format) const {
  ReaderOptions options;
  options.format = format.format;
  options.encoding = format.encoding;
  auto map = ParseHeaderMap(format.header_map);
  if (!map.ok()) return core::Status::Invalid("map", map.status().message());
  options.header_map = std::move(map.value());
  return OpenRecordSource(in, total_bytes, kind, options);
}

}  // namespace closeloop::ingest
