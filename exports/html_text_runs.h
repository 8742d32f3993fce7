// Marks over the text of a rendered HTML report that its sections cannot
// add themselves, because the text they place (a rule pack's title, a
// brand's tier name, a list of agent ids) comes from elsewhere:
//
// - the language of runs in another language than the page's: on a page
//   that is not Chinese, every run of CJK characters holding a Han
//   ideograph is wrapped in <span lang="zh"> (the Chinese legal terms of
//   the cn pack's titles, a brand's tier names); on a Chinese page, every
//   stretch between CJK runs that holds two or more Latin words (letters
//   only, two or more of them) is wrapped in <span lang="en"> (citations of
//   foreign law, English texts of a pack). Screen readers then switch voice,
//   and print and copy keep the text as it was.
// - pseudonymous agent ids ("P-" and 16 hex digits) are wrapped in
//   <span class="id">, which the stylesheet keeps on one line: "P-d8ee…"
//   may otherwise break after its hyphen.
//
// Only text between tags is touched, never markup, attribute values or
// character references, and nothing inside <head>, <script>, <style>,
// <svg> (whose data tables carry the same text) or <title>. The output
// depends only on the input. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tiersight::exports {

// `html_lang` is the page's <html lang> ("en", "zh-CN"); a tag starting
// "zh" makes the page Chinese.
std::string MarkTextRuns(std::string_view html, std::string_view html_lang);

}  // namespace tiersight::exports
