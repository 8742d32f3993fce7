#include "generate/chinese_names.h"

#include <array>
#include <string_view>

#include "generate/random.h"

namespace tiersight::generate {
namespace {

struct Surname {
  std::string_view text;
  uint32_t weight;  // rough frequency, per mille
};

constexpr Surname kSurnames[] = {
    {"王", 74}, {"李", 72}, {"张", 68},  {"刘", 53},  {"陈", 45},  {"杨", 31},  {"黄", 22},
    {"赵", 20}, {"吴", 20}, {"周", 19},  {"徐", 15},  {"孙", 15},  {"马", 12},  {"朱", 12},
    {"胡", 11}, {"郭", 11}, {"何", 10},  {"林", 10},  {"高", 10},  {"罗", 9},   {"郑", 9},
    {"梁", 8},  {"谢", 7},  {"宋", 6},   {"唐", 6},   {"许", 6},   {"韩", 6},   {"冯", 6},
    {"邓", 6},  {"曹", 6},  {"彭", 5},   {"曾", 5},   {"肖", 5},   {"田", 5},   {"董", 5},
    {"袁", 5},  {"潘", 5},  {"于", 5},   {"蒋", 5},   {"蔡", 5},   {"余", 4},   {"杜", 4},
    {"叶", 4},  {"程", 4},  {"苏", 4},   {"魏", 4},   {"吕", 4},   {"丁", 4},   {"任", 4},
    {"沈", 4},  {"姚", 3},  {"卢", 3},   {"姜", 3},   {"崔", 3},   {"钟", 3},   {"谭", 3},
    {"陆", 3},  {"汪", 3},  {"范", 3},   {"金", 3},   {"石", 3},   {"廖", 3},   {"贾", 3},
    {"夏", 3},  {"韦", 3},  {"付", 3},   {"方", 3},   {"白", 3},   {"邹", 3},   {"孟", 3},
    {"熊", 3},  {"秦", 3},  {"邱", 3},   {"江", 3},   {"尹", 3},   {"薛", 2},   {"闫", 2},
    {"段", 2},  {"雷", 2},  {"侯", 2},   {"龙", 2},   {"史", 2},   {"陶", 2},   {"黎", 2},
    {"贺", 2},  {"顾", 2},  {"毛", 2},   {"郝", 2},   {"龚", 2},   {"邵", 2},   {"万", 2},
    {"钱", 2},  {"严", 2},  {"覃", 2},   {"武", 2},   {"戴", 2},   {"莫", 2},   {"孔", 2},
    {"向", 2},  {"汤", 2},  {"欧阳", 1}, {"司马", 1}, {"上官", 1}, {"诸葛", 1},
};

// Most 微商 agents are women; given names lean that way.
constexpr std::string_view kFemaleChars[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "燕", "婷", "雪", "琳",
    "慧", "倩", "颖", "洁", "佳", "欣", "梅", "兰", "红", "晶", "丹", "莉", "萍", "华",
    "英", "玉", "萌", "瑶", "怡", "悦", "璐", "晓", "思", "雨", "月", "嘉", "蕾", "薇",
    "琪", "璇", "梦", "涵", "彤", "妍", "诗", "婉", "春", "桂", "凤", "小"};
constexpr std::string_view kMaleChars[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "飞",
    "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林",
    "阳", "文", "建", "志", "博", "轩", "然", "晨", "峰", "亮", "成", "海"};

constexpr uint32_t TotalSurnameWeight() {
  uint32_t total = 0;
  for (const Surname& s : kSurnames) total += s.weight;
  return total;
}

template <size_t N>
std::string_view PickChar(Rng& rng, const std::string_view (&chars)[N]) {
  return chars[rng.Below(N)];
}

}  // namespace

void MakePersonName(uint64_t hash, std::string& out) {
  out.clear();
  Rng rng(hash);
  if (rng.Below(500) == 0) return;  // missing in the export
  uint64_t pick = rng.Below(TotalSurnameWeight());
  std::string_view surname = kSurnames[0].text;
  for (const Surname& s : kSurnames) {
    if (pick < s.weight) {
      surname = s.text;
      break;
    }
    pick -= s.weight;
  }
  out.append(surname);
  const bool female = rng.Below(100) < 72;
  const std::string_view first = female ? PickChar(rng, kFemaleChars) : PickChar(rng, kMaleChars);
  const std::string_view second = female ? PickChar(rng, kFemaleChars) : PickChar(rng, kMaleChars);
  const bool two_chars = rng.Below(100) < 68;
  out.append(first);
  if (two_chars) out.append(second);
  if (rng.Below(500) == 0) {  // a WeChat-style nickname in quotes
    const std::string_view last = two_chars ? second : first;
    out.append(" \"");
    out.append(last);
    out.append(last);
    out.append("\"");
  }
}

}  // namespace tiersight::generate
