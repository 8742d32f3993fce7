#include "generate/regions.h"

#include <string_view>

#include "generate/random.h"

namespace tiersight::generate {
namespace {

struct Region {
  std::string_view name;
  uint32_t population;         // millions, roughly
  std::string_view cities[3];  // a few large cities; empty when not listed
};

constexpr Region kRegions[kRegionCount] = {
    {"广东省", 126, {"深圳市", "广州市", "东莞市"}},
    {"山东省", 102, {"济南市", "青岛市", "临沂市"}},
    {"河南省", 99, {"郑州市", "平顶山市", "洛阳市"}},
    {"江苏省", 85, {"南京市", "苏州市", "无锡市"}},
    {"四川省", 84, {"成都市", "绵阳市", ""}},
    {"河北省", 75, {"石家庄市", "保定市", ""}},
    {"湖南省", 66, {"长沙市", "衡阳市", "株洲市"}},
    {"浙江省", 65, {"杭州市", "温州市", "台州市"}},
    {"安徽省", 61, {"合肥市", "芜湖市", ""}},
    {"湖北省", 58, {"武汉市", "宜昌市", ""}},
    {"广西壮族自治区", 50, {"南宁市", "桂林市", ""}},
    {"云南省", 47, {"昆明市", "", ""}},
    {"江西省", 45, {"南昌市", "赣州市", ""}},
    {"辽宁省", 43, {"沈阳市", "大连市", ""}},
    {"福建省", 42, {"福州市", "厦门市", "泉州市"}},
    {"陕西省", 40, {"西安市", "", ""}},
    {"贵州省", 39, {"贵阳市", "毕节市", ""}},
    {"山西省", 35, {"太原市", "", ""}},
    {"重庆市", 32, {"", "", ""}},
    {"黑龙江省", 31, {"哈尔滨市", "", ""}},
    {"新疆维吾尔自治区", 26, {"乌鲁木齐市", "", ""}},
    {"上海市", 25, {"", "", ""}},
    {"甘肃省", 25, {"兰州市", "", ""}},
    {"内蒙古自治区", 24, {"呼和浩特市", "", ""}},
    {"吉林省", 24, {"长春市", "", ""}},
    {"北京市", 22, {"", "", ""}},
    {"天津市", 14, {"", "", ""}},
    {"海南省", 10, {"海口市", "三亚市", ""}},
    {"宁夏回族自治区", 7, {"银川市", "", ""}},
    {"青海省", 6, {"西宁市", "", ""}},
    {"西藏自治区", 4, {"拉萨市", "", ""}},
};

constexpr uint32_t TotalPopulation() {
  uint32_t total = 0;
  for (const Region& r : kRegions) total += r.population;
  return total;
}

}  // namespace

uint8_t PickRegion(uint64_t hash) {
  uint64_t pick = ScaleBelow(hash, TotalPopulation());
  for (int i = 0; i < kRegionCount; ++i) {
    if (pick < kRegions[i].population) return static_cast<uint8_t>(i);
    pick -= kRegions[i].population;
  }
  return 0;
}

void MakeRegionText(uint8_t region, uint64_t hash, std::string& out) {
  const Region& r = kRegions[region < kRegionCount ? region : 0];
  out.assign(r.name);
  if (ScaleBelow(hash, 150) != 0) return;
  const std::string_view city = r.cities[ScaleBelow(hash * 0x9E3779B97F4A7C15ull | 1, 3)];
  if (city.empty()) return;
  out.append(", ");
  out.append(city);
}

}  // namespace tiersight::generate
