#include "app/demo/demo_catalog.h"

namespace closeloop::app::demo {

const std::vector<RegionSeed>& Regions() {
  static const std::vector<RegionSeed> kAll = {
      {"east", "华东大区"},      {"north", "华北大区"},     {"south", "华南大区"},
      {"central", "华中大区"},   {"southwest", "西南大区"}, {"northwest", "西北大区"},
      {"northeast", "东北大区"},
  };
  return kAll;
}

const std::vector<CitySeed>& Cities() {
  static const std::vector<CitySeed> kAll = {
      {"上海", "上海", "east", "SH"},           {"杭州", "浙江", "east", "HZ"},
      {"南京", "江苏", "east", "NJ"},           {"苏州", "江苏", "east", "SZH"},
      {"宁波", "浙江", "east", "NB"},           {"合肥", "安徽", "east", "HF"},
      {"北京", "北京", "north", "BJ"},          {"天津", "天津", "north", "TJ"},
      {"石家庄", "河北", "north", "SJZ"},       {"济南", "山东", "north", "JN"},
      {"青岛", "山东", "north", "QD"},          {"广州", "广东", "south", "GZ"},
      {"深圳", "广东", "south", "SZ"},          {"厦门", "福建", "south", "XM"},
      {"福州", "福建", "south", "FZ"},          {"武汉", "湖北", "central", "WH"},
      {"长沙", "湖南", "central", "CS"},        {"郑州", "河南", "central", "ZZ"},
      {"成都", "四川", "southwest", "CD"},      {"重庆", "重庆", "southwest", "CQ"},
      {"昆明", "云南", "southwest", "KM"},      {"西安", "陕西", "northwest", "XA"},
      {"兰州", "甘肃", "northwest", "LZ"},      {"沈阳", "辽宁", "northeast", "SY"},
      {"哈尔滨", "黑龙江", "northeast", "HEB"}, {"大连", "辽宁", "northeast", "DL"},
  };
  return kAll;
}

const std::vector<ProductSeed>& Products() {
  static const std::vector<ProductSeed> kAll = {
      {"CF-1001", "鲜肉无谷全价猫粮 2kg", "猫主粮", true},
      {"CF-1002", "幼猫奶糕猫粮 1.5kg", "猫主粮", true},
      {"CF-1003", "冻干双拼成猫粮 5kg", "猫主粮", true},
      {"DF-2001", "小型犬成犬狗粮 3kg", "狗主粮", true},
      {"DF-2002", "大型犬鸡肉味狗粮 10kg", "狗主粮", true},
      {"DF-2003", "老年犬低脂狗粮 2kg", "狗主粮", true},
      {"TR-3001", "鸡胸肉冻干零食 100g", "宠物零食", true},
      {"TR-3002", "猫条金枪鱼味 20支", "宠物零食", true},
      {"TR-3003", "洁齿骨 12支装", "宠物零食", true},
      {"LT-4001", "豆腐猫砂 6L", "猫砂", false},
      {"LT-4002", "膨润土混合猫砂 10kg", "猫砂", false},
      {"DV-5001", "智能循环饮水机 2.5L", "智能设备", false},
      {"DV-5002", "定时自动喂食器 4L", "智能设备", false},
      {"DV-5003", "全自动猫砂盆", "智能设备", false},
      {"AC-6001", "实木多层猫爬架", "用品", false},
      {"AC-6002", "四季通用宠物窝 M号", "用品", false},
      {"AC-6003", "反光牵引绳 1.5m", "用品", false},
      {"AC-6004", "宠物航空箱 中号", "用品", false},
      {"CL-7001", "宠物沐浴露 500ml", "洗护", false},
      {"CL-7002", "驱虫滴剂 3支装", "洗护", false},
  };
  return kAll;
}

const std::vector<TextTemplate>& Templates() {
  static const std::vector<TextTemplate> kAll = {
      // 质量问题 quality → product_quality
      {"quality", "product_quality", "refund", true, false, "{product}{defect}",
       "上周在{store}买的{product}，打开发现{defect}，{pet}吃了以后{symptom}"
       "，要求退款并给个说法。订单号{order}。"},
      {"quality", "product_quality", "replacement", true, false, "{product}质量有问题",
       "{days}天前买的{product}，新开的一袋就{defect}"
       "，这批货是不是有问题？麻烦尽快给我换一袋新的。"},
      {"quality", "product_quality", "compensation", true, false, "吃了{product}后宠物生病",
       "{pet}吃了你们的{product}之后{symptom}"
       "，带去宠物医院花了好几百，检查说是饮食问题，要求赔偿医药费！"},
      {"quality", "product_quality", "repair", false, true, "{product}{fault}",
       "买的{product}才用了{days}天就{fault}，说明书上的方法都试过了还是不行，要求维修或者换新。"},
      {"quality", "product_quality", "replacement", false, true, "{product}故障",
       "{product}{fault}，{pet}这两天都没法正常用，订单{order}，还在保修期内，请安排换货。"},
      {"quality", "product_quality", "refund", false, false, "{product}做工太差",
       "收到的{product}做工很差，有明显的毛刺和异味，用了{days}"
       "天就开裂了，和页面图片完全不一样，申请退货退款。"},
      // 服务投诉 service → after_sales / logistics / price_advertising
      {"service", "after_sales", "apology", false, false, "客服态度差，问题一直没人处理",
       "我咨询{product}退换货的事情，{service}，已经{days}天了还没人处理，这就是你们的服务？"},
      {"service", "after_sales", "refund", false, false, "退款迟迟不到账",
       "订单{order}申请退款{days}天了，客服一直说在审核，{service}，钱到现在还没退回来。"},
      {"service", "after_sales", "explanation", false, false, "门店店员服务态度恶劣",
       "今天在{store}想换一下{product}，店员态度非常恶劣，{service}，希望你们管管。"},
      {"service", "logistics", "compensation", false, false, "快递{days}天还没送到",
       "订单{order}下单{days}天了还没到，物流信息一直停在{city}转运中心，{pet}"
       "都快没粮了，客服也联系不上！"},
      {"service", "logistics", "replacement", false, false, "收到的包裹破损",
       "快递送到的时候箱子破了，{product}包装被压坏撒了一地，快递员还不让当面验货，要求补发。"},
      {"service", "logistics", "refund", false, false, "发错货了",
       "我买的是{product}，收到的却是别的东西，订单{order}，来回折腾{days}天了还没解决。"},
      {"service", "price_advertising", "refund", true, false, "虚假宣传",
       "宣传说{product}是无谷配方，结果配料表里有玉米和小麦，这是虚假宣传，要求退一赔三。"},
      {"service", "price_advertising", "refund", false, false, "价格不一致",
       "{store}标价和结账价格不一样，{product}多收了我几十块，店员说系统问题不给退差价。"},
      // 咨询 inquiry → other / price_advertising
      {"inquiry", "other", "", true, false, "{product}喂食咨询",
       "请问{product}适合两个月大的{pet}吃吗？每天喂多少克合适？需要泡软吗？"},
      {"inquiry", "other", "", false, false, "门店自提咨询",
       "请问{city}有没有门店可以自提{product}？会员积分可以在门店用吗？"},
      {"inquiry", "price_advertising", "", false, false, "活动价格咨询",
       "{product}现在还有满减活动吗？会员价和门店价格为什么不一样？"},
      {"inquiry", "other", "", false, true, "{product}使用方法",
       "新买的{product}怎么连接手机APP？说明书看不太懂，能不能发个视频教程？"},
      // 建议 suggestion → other
      {"suggestion", "other", "", true, false, "建议推出小包装",
       "建议{product}出个小包装，一大袋开封后放久了容易受潮，对我们这种只养一只{pet}"
       "的家庭不友好。"},
      {"suggestion", "other", "", false, false, "建议延长门店营业时间",
       "希望{store}营业时间能延长到晚上十点，下班过去经常已经关门了，另外希望APP能显示门店库存。"},
      {"suggestion", "other", "", false, true, "{product}改进建议",
       "{product}整体还不错，建议增加低水位提醒，另外滤芯能不能做成通用的，现在太难买了。"},
      // 恶意投诉 malicious → other
      {"malicious", "other", "compensation", false, false, "必须赔偿",
       "你们全都是骗子！！！不赔我一万块我就天天发微博曝光你们，让你们店开不下去！！！"},
      {"malicious", "other", "compensation", false, false, "再不赔钱就曝光",
       "我不管什么原因，{product}给我赔二十倍，不然我就找媒体、找律师，天天打你们电话。"},
      {"malicious", "other", "", false, false, "无意义内容",
       "啊啊啊啊啊啊啊啊 111111 测试测试 你们垃圾垃圾垃圾"},
  };
  return kAll;
}

const std::vector<std::string>& Defects() {
  static const std::vector<std::string> kAll = {"结块发霉",
                                                "有一股哈喇味",
                                                "袋子里有小虫子",
                                                "颗粒颜色发黑",
                                                "生产日期印得模糊不清",
                                                "包装漏气",
                                                "里面混有塑料碎片",
                                                "颗粒大小不一还有很多粉末"};
  return kAll;
}
const std::vector<std::string>& Faults() {
  static const std::vector<std::string> kAll = {"不出水了",     "水泵一直异响", "定时功能失灵",
                                                "插上电就跳闸", "显示屏不亮",   "APP一直连不上",
                                                "出粮口卡住了", "底座漏水"};
  return kAll;
}
const std::vector<std::string>& Symptoms() {
  static const std::vector<std::string> kAll = {"上吐下泻",   "精神很差不吃东西", "一直呕吐",
                                                "软便好几天", "身上起了红疹子",   "拉肚子"};
  return kAll;
}
const std::vector<std::string>& BadService() {
  static const std::vector<std::string> kAll = {"打了三次电话都说会回电结果没人回",
                                                "在线客服一直是机器人自动回复",
                                                "门店说不归他们管让我找线上",
                                                "售后一直推脱说是人为损坏",
                                                "客服直接把电话挂了",
                                                "每次都让我重新描述一遍问题"};
  return kAll;
}
const std::vector<std::string>& Pets() {
  static const std::vector<std::string> kAll = {"猫", "狗", "猫咪", "狗狗", "小猫", "小狗"};
  return kAll;
}
const std::vector<std::string>& Intensifiers() {
  static const std::vector<std::string> kAll = {"",
                                                "",
                                                "",
                                                "",
                                                "太失望了！",
                                                "再不处理我就去12315投诉！",
                                                "请尽快处理，谢谢。",
                                                "已经是老客户了，这样真的很寒心。",
                                                "！！！"};
  return kAll;
}
const std::vector<std::string>& Surnames() {
  static const std::vector<std::string> kAll = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵",
                                                "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                                                "何", "高", "林", "罗", "郑", "梁", "谢", "宋"};
  return kAll;
}
const std::vector<std::string>& GivenNames() {
  static const std::vector<std::string> kAll = {
      "伟", "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",   "洋",   "艳",
      "勇", "军",   "杰",   "娟",   "涛",   "明",   "超",   "秀英", "霞",   "平",
      "刚", "桂英", "晓东", "雨萱", "子涵", "浩然", "欣怡", "思远", "梓轩", "一诺"};
  return kAll;
}

}  // namespace closeloop::app::demo
