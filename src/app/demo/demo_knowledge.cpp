#include "app/demo/demo_knowledge.h"

#include <cstddef>

namespace closeloop::app::demo {

const std::vector<ArticleSeed>& Articles() {
  static const std::vector<ArticleSeed> kArticles = {
      {"猫粮、狗粮发霉变质的处理流程", "product_quality", "猫粮 狗粮 发霉 变质 食品安全",
       "1. 请客户拍照保留发霉部位、包装正面和批次号（生产日期旁）。2. 核对批次：若属于已预警批次，"
       "直接按批次召回流程全额退款并补发同款新批次商品。3. 宠物出现呕吐、拉肚子等症状时，标记安全"
       "标志，升级至区域经理并建议客户就医，保留诊疗单据可申请报销。4. 将批次号同步质检部（QC）。"},
      {"宠物食品异物投诉的取证要点", "product_quality", "异物 罐头 冻干 零食 取证",
       "请客户保留异物和原包装，不要丢弃；记录发现时间和购买门店。质检部需在 24 小时内给出初步"
       "结论。确认为生产原因的，退款并赠送等值优惠券。"},
      {"电器故障：先远程排查再上门", "after_sales", "故障 维修 上门 保修 不制冷 噪音",
       "指导客户确认电源、滤网和设置；仍无法使用的，在保修期内安排免费上门维修，超出保修期按"
       "维修价目表报价。三次维修仍未解决的，可按三包规定换货。"},
      {"快递延迟与丢件的处理", "logistics", "快递 物流 延迟 丢件 补发 包裹",
       "查询物流轨迹；超过承诺时效 48 小时未更新的，联系物流方核实。确认丢件的，先给客户补发，"
       "再向物流方索赔；延迟送达可补偿运费或优惠券。"},
      {"包裹破损、错发、漏发", "logistics", "破损 错发 漏发 少发 签收",
       "请客户拍摄外包装和商品照片。错发、漏发的，免费补发正确商品并上门取回错发件；破损的，"
       "换货或退款二选一，由客户决定。"},
      {"门店服务态度投诉的回访规范", "after_sales", "态度 店员 门店 服务 道歉",
       "先致歉，再核实：调取门店监控或询问当班店长。确认属实的，向客户正式道歉并赠送优惠券，"
       "门店店长须在 48 小时内提交整改说明。"},
      {"客服不回复、响应慢的安抚话术", "after_sales", "客服 不回复 不理人 响应 安抚",
       "承认等待给客户带来的不便，不推诿；给出明确的回复时间点并准时兑现。情绪激动的客户转资深"
       "专员处理。"},
      {"价格保护与差价退还规则", "price_advertising", "价格 降价 差价 价保 优惠券",
       "下单后 7 天内同款商品降价的，可申请退还差价；活动赠品、优惠券抵扣部分不参与价保。"},
      {"虚假宣传投诉的核实流程", "price_advertising", "虚假宣传 广告 宣传 功效 假货",
       "对照商品详情页与实物说明书核实宣传内容；确属宣传不符的，支持退货退款，并将页面问题提交"
       "产品部门修改。"},
      {"退款时效说明", "", "退款 到账 时效 支付",
       "原路退回：支付宝、微信 1-3 个工作日，银行卡 3-7 个工作日。退款发起后请告知客户退款编号。"},
      {"会员积分与优惠券补偿标准", "", "会员 积分 优惠券 补偿 代金券",
       "一般体验问题补偿 10-30 元优惠券；影响使用的质量问题补偿 50 元以内；超过 200 元的补偿须"
       "区域经理审批。"},
      {"宠物误食后的应急建议", "product_quality", "呕吐 拉肚子 过敏 就医 安全",
       "建议客户立即停止喂食并就近就医，保留剩余食品和诊疗记录；公司承担合理的诊疗费用。此类投诉"
       "为紧急，须 2 小时内回电。"},
      {"猫砂结团差、粉尘大的处理", "product_quality", "猫砂 结团 粉尘 异味",
       "确认使用方法与存放环境；批次集中出现的，上报质检；单次问题可换货或退款。"},
      {"Handling late or lost deliveries", "logistics", "delivery late lost parcel courier",
       "Check the tracking history. If there has been no update for 48 hours past the promised "
       "time, contact the carrier. Reship first, claim from the carrier afterwards."},
      {"Refunds for defective products", "product_quality", "refund defective broken return",
       "Ask for photos of the defect and the batch number. Offer a replacement or a full refund; "
       "the customer chooses. Report the batch to quality control."},
  };
  return kArticles;
}

const std::vector<const char*>& SurveyComments(int band) {
  static const std::vector<std::vector<const char*>> kComments = {
      {"处理太慢了，等了好几天才有人联系我，很失望。", "问题根本没解决，只会让我等，太差了！",
       "补偿太少，态度也敷衍，不会再买了。", ""},
      {"还行吧，问题解决了但过程有点长。", "处理结果一般，希望以后能快一点。", ""},
      {"客服很耐心，很快就给我换了新的，非常满意！", "处理及时，态度很好，谢谢！",
       "退款很快到账，点赞。", "", ""},
  };
  return kComments[static_cast<size_t>(band)];
}

}  // namespace closeloop::app::demo
