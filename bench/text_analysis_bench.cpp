// Issue 4 target: full analysis ≥ 10,000 complaints/s per core on 100-character texts, a single
// complaint ≤ 1 ms p99. Runs the product's analyzer (app/text_analyzer.h) on one thread over a
// rotating set of realistic texts; p99 is measured over 20,000 single calls.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "text_adapters/text_analyzer.h"

namespace {

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Each text is two of the sentences below: ~100 characters.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> sentences = {
      "在你们门店买的鲜肉无谷猫粮，打开发现里面有发霉的颗粒，猫吃了以后呕吐了两次，要求退款并赔偿医"
      "药费。",
      "快递三天了还没到，物流信息一直不更新，打客服电话也没人接，太差了！！到底什么时候能送到？",
      "請問這款貓砂可以直接沖馬桶嗎？上次買的結團效果不太好，想換一款，有沒有推薦的？謝謝客服。",
      "The automatic feeder stopped working after a week, the app says offline. I want a "
      "replacement, not a refund.",
      "建议门店周末延长营业时间，另外希望能增加宠物洗澡的预约功能，现在每次去都要排很久的队。",
      "店员态度恶劣，问了两次都不理人，还说爱买不买。再这样我就投诉到消协，曝光你们这家店！",
  };
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (size_t i = 0; i < sentences.size(); ++i) {
      out.push_back(sentences[i] + sentences[(i + 1) % sentences.size()]);
    }
    return out;
  }();
  return texts;
}

void BM_AnalyzeComplaint(benchmark::State& state) {
  auto analyzer = std::move(*closeloop::text_adapters::MakeTextAnalyzer());
  const auto& texts = Texts();
  size_t i = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    benchmark::DoNotOptimize(analyzer->Analyze("", t));
  }
  state.SetItemsProcessed(state.iterations());
  size_t chars = 0;
  for (const auto& t : texts) chars += CodePoints(t);
  state.SetLabel("texts of " + std::to_string(chars / texts.size()) + " characters on average");
}
BENCHMARK(BM_AnalyzeComplaint);

void BM_AnalyzeLatencyP99(benchmark::State& state) {
  auto analyzer = std::move(*closeloop::text_adapters::MakeTextAnalyzer());
  const auto& texts = Texts();
  for (auto _ : state) {
    std::vector<double> micros;
    micros.reserve(20000);
    for (int i = 0; i < 20000; ++i) {
      auto start = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(analyzer->Analyze("", texts[i % texts.size()]));
      micros.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
              .count());
    }
    std::sort(micros.begin(), micros.end());
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[micros.size() * 99 / 100];
    state.counters["max_us"] = micros.back();
  }
}
BENCHMARK(BM_AnalyzeLatencyP99)->Iterations(1)->Unit(benchmark::kMillisecond);

// The same with a trained sentiment model in use: the file named by CLOSELOOP_SENTIMENT_MODEL
// (e.g. the linear model of docs/text-quality.md); skipped when it is not set.
void BM_AnalyzeWithSentimentModel(benchmark::State& state) {
  const char* path = std::getenv("CLOSELOOP_SENTIMENT_MODEL");
  if (path == nullptr) {
    state.SkipWithError("set CLOSELOOP_SENTIMENT_MODEL to a sentiment model file");
    return;
  }
  auto analyzer = std::move(*closeloop::text_adapters::MakeTextAnalyzer());
  auto status = analyzer->UseModel("sentiment", path, 1, 0.5, {"negative", "positive", "neutral"});
  if (!status.ok()) {
    state.SkipWithError(status.message().c_str());
    return;
  }
  const auto& texts = Texts();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer->Analyze("", texts[i++ % texts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AnalyzeWithSentimentModel);

}  // namespace

BENCHMARK_MAIN();
