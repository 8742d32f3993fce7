// Pieces of a finding as plain text, shared by the CLI's text output and the
// exported tables: a value as exact as the report carries it, lists of
// values, and how many of the finding's subjects it shows. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// The value's exact decimal where the report carries one (money followed
// by the currency: "1234.5 CNY"; counts and units as integers), else the
// shortest text that reads back to the double ("0.125").
std::string PlainValueText(const tiersight::v1::FigureValue& value, std::string_view currency);

// "name=value" for each value (PlainValueText), joined by `separator`.
std::string PlainValuesText(
    const google::protobuf::RepeatedPtrField<tiersight::v1::FigureValue>& values,
    std::string_view currency, std::string_view separator = "; ");

// How many subjects the finding concerns: subject_count, or for a report
// recorded before findings counted them, the subjects it names.
int64_t SubjectCount(const tiersight::v1::Finding& finding);

// How many of them its message and evidence show (all of those it names in
// a report recorded before findings said so).
int64_t ShownCount(const tiersight::v1::Finding& finding);

// What the finding's subjects are, in the plural: "organisers" for a
// finding that names organisers, else by its scope ("agents", "levels",
// "tiers", "branches").
std::string_view SubjectsNoun(const tiersight::v1::Finding& finding);

}  // namespace tiersight::exports
