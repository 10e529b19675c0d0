// closeloop's own sentiment lexicon: words customers use about products, delivery and service,
// in simplified Chinese and English, written for this project. Weights: 1 ordinary, 2 strong.
// Longer entries win over the words inside them ("不好" over "好", "态度差" over "差").
#include "text/lexicon_builtin.h"

#include <sstream>

namespace closeloop::text {

namespace {

struct Group {
  LexiconRole role;
  double weight;
  const char* words;  // separated by spaces
};

const Group kGroups[] = {
    // Positive.
    {LexiconRole::kSentiment, 1.0,
     "好 不错 满意 喜欢 推荐 划算 值得 实惠 及时 漂亮 舒服 方便 好用 清晰 流畅 正品 耐用 "
     "结实 超值 棒 赞 优秀 贴心 热情 耐心 专业 好吃 香 新鲜 甜 好评 给力 惊喜 精致 细腻 柔软 "
     "合身 准时 周到 开心 放心 信赖 支持 好看 可以 挺好 顺滑 清爽 滋润 保湿 柔顺 "
     "好闻 持久 省电 静音 稳定 大气 时尚 轻薄 便宜 实用 完好 一流 强大 喜爱 爱 优惠 正宗 可口 "
     "美味 多汁 靠谱 人性化 细心 快捷 高效 顺利 快 很快 迅速 神速 准确 满分 耐看 光滑 适合 "
     "合适 清楚 到位 好评如潮 回购 再来 还会 物有所值 好喝 醇厚 浓郁 灵敏 流利 顺手 高清 "
     "解决 及时处理 负责 认真 礼貌 客气 友好 满足 愉快 舒适 干净 整洁 安静 齐全 齐 完整 "
     "还行 还可以 没问题 相信 有保障 太牛 厉害 二次购买 多次购买 再次购买 三次购买 第二次买 又买了 "
     "回头客 先好评 追评 "
     "good great nice excellent love loved like best helpful friendly happy "
     "perfect wonderful fantastic awesome amazing appreciate appreciated smooth quick fast "
     "comfortable kind pleasant recommend glad enjoy enjoyed easy clean courteous professional "
     "polite efficient resolved solved fixed ok"},
    {LexiconRole::kSentiment, 2.0,
     "完美 非常好 特别好 很满意 非常满意 五星 物美价廉 性价比高 强烈推荐 超赞 太棒了 惊艳 "
     "物超所值 物廉价美 无可挑剔 没得挑剔 没得挑 没得说 高性价比 性价比很高 性价比挺高 "
     "性价比不错 "
     "excellent outstanding superb brilliant"},
    // Negative.
    {LexiconRole::kSentiment, -1.0,
     "差 不好 一般 失望 后悔 退货 退款 投诉 坑 劣质 破损 坏 坏了 难用 难吃 难闻 难看 慢 延迟 "
     "迟到 晚到 没到 丢件 漏发 少发 错发 发错 破了 烂 变质 发霉 过期 异味 臭 掉色 起球 褪色 开线 "
     "缩水 偏小 偏大 不合适 卡 卡顿 死机 发热 发烫 黑屏 蓝屏 重启 闪退 耗电 噪音 漏水 漏 "
     "不能用 用不了 无法 故障 问题 毛病 瑕疵 划痕 磨损 敷衍 推脱 推诿 冷淡 郁闷 糟糕 不值 贵 "
     "太贵 忽悠 虚假 不符 不一样 缺货 麻烦 不满 不满意 不行 凑合 硬 量少 不新鲜 不值得 上当 "
     "呵呵 差评 一星 别买 慎买 不推荐 过敏 脱发 干涩 刺激 山寨 二手 翻新 脏 污渍 模糊 粗糙 廉价 "
     "不够 不足 失灵 不准 不稳定 掉线 吵 拖 拒绝 不退 不换 不处理 没人管 没有回复 不回复 不理 "
     "不理人 等了 很久 太久 半天 怎么回事 什么情况 凭什么 为什么 居然 竟然 只能 无奈 遗憾 "
     "可惜 不如 不像 差距 一分钱一分货 抱怨 心疼 受不了 不舒服 不好用 不好吃 不清楚 不明显 "
     "没效果 没用 无效 退 换货 补发 少了 错了 丢了 坏掉 碎 碎了 变形 生锈 异物 虫 头发 拉肚子 "
     "呕吐 生病 不耐用 不结实 不灵 不方便 不划算 不太好 差劲 糊 焦 酸 咸 "
     "bad poor late delay delayed delays cancelled canceled lost rude disappointed "
     "disappointing broken damaged refund complaint waiting wait stuck missed dirty problem "
     "problems issue issues fail failed failure worse slow unhelpful expensive fee fees "
     "charged overbooked rebooked hold cancel cancellation bag luggage missing sorry worst"},
    {LexiconRole::kSentiment, -2.0,
     "太差 很差 非常差 极差 垃圾 骗 骗子 骗人 假货 假的 欺骗 坑人 坑爹 恶心 气愤 生气 愤怒 无语 "
     "态度差 态度恶劣 服务差 质量差 太慢 很慢 非常慢 差评 最差 恶劣 欺诈 黑心 无良 糟透了 "
     "再也不 永远不 不要买 千万别买 辣鸡 terrible awful horrible worst unacceptable "
     "ridiculous useless sucks hate hated incompetent nightmare disgusting pathetic furious "
     "scam"},
    // Negations turn the next sentiment word around (within the clause, up to 3 words back).
    {LexiconRole::kNegation, 1.0,
     "不 没 没有 无 未 别 非 不是 并不 并没有 毫不 从不 从来不 一点也不 一点都不 不太 不怎么 "
     "不会 不能 不要 难以 绝不 not no never dont don't didnt didn't isnt isn't wasnt wasn't "
     "cannot cant can't wont won't nothing"},
    // Degree adverbs scale the next sentiment word.
    {LexiconRole::kDegree, 2.0, "极其 极度 极为 超级 最 极 巨 太 太过 简直 完全 彻底 extremely"},
    {LexiconRole::kDegree, 1.6,
     "非常 特别 十分 相当 真 真的 实在 超 好好 如此 这么 那么 so very really too totally"},
    {LexiconRole::kDegree, 1.3, "很 挺 蛮 比较 较 更 更加 还 quite pretty"},
    {LexiconRole::kDegree, 0.6, "有点 有些 稍微 略 略微 一点 稍 slightly somewhat bit"},
    // Contrast: what follows counts more than what came before.
    {LexiconRole::kContrast, 1.0,
     "但是 但 不过 可是 然而 只是 却 只不过 but however though although"},
    // Words that hold a sentiment word but carry none: requests for speed, the parcel service,
    // "seems", "several", "had to".
    {LexiconRole::kNeutral, 0.0,
     "快递 快件 快运 加快 好像 好几 好多 好些 只好 正好 刚好 好久 好不容易"},
    // Requests, and the courtesy that closes them (see LexiconRole).
    {LexiconRole::kRequest, 0.0, "请 希望 要求 尽快 赶快 快点 赶紧 务必 please asap"},
    {LexiconRole::kCourtesy, 1.0, "谢谢 感谢 多谢 谢了 thanks thank"},
    // Words of an agitated customer: threats, escalation, insults (agitation only).
    {LexiconRole::kAgitation, 20.0,
     "投诉 曝光 315 消协 消费者协会 律师 起诉 报警 工商 12315 媒体 退一赔三 赔偿 骗子 垃圾 滚 "
     "气死 愤怒 恶心 无语 再也不 最后一次 差评 立刻 马上 必须 立即 lawyer sue scam disgusting "
     "furious unacceptable ridiculous outraged never again immediately"},
};

}  // namespace

void AddBuiltinLexicon(SentimentScorer& scorer) {
  for (const Group& group : kGroups) {
    std::istringstream words(group.words);
    std::string word;
    while (words >> word) scorer.Add(word, group.role, group.weight);
  }
}

}  // namespace closeloop::text
