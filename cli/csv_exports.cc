#include "cli/csv_exports.h"

#include <fmt/format.h>

#include "base/csv_cell.h"
#include "base/durable_file.h"
#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"
#include "graph/figures.h"

namespace tiersight::cli {

absl::Status WriteAgentFiguresCsv(const std::string& path, const graph::Network& network,
                                  const graph::TreeMetrics& tree) {
  base::AtomicFile file(path);
  if (absl::Status s = file.Open(); !s.ok()) return s;
  fmt::memory_buffer buf;
  fmt::format_to(std::back_inserter(buf), "agent_id");
  for (size_t i = 0; i < graph::kAgentFigureCount; ++i) {
    fmt::format_to(std::back_inserter(buf), ",{}", graph::SpecOf(graph::AgentFigure(i)).name);
  }
  buf.push_back('\n');
  for (uint32_t a = 0; a < network.size(); ++a) {
    const graph::AgentFigureValues v = graph::AgentFiguresOf(network, tree, a);
    const std::string id = base::CsvCell(network.id(a));
    buf.append(id.data(), id.data() + id.size());
    for (size_t i = 0; i < graph::kAgentFigureCount; ++i) {
      if (graph::SpecOf(graph::AgentFigure(i)).unit == graph::FigureUnit::kMoney) {
        fmt::format_to(std::back_inserter(buf), ",{}", graph::FormatAmount(v[i]));
      } else {
        fmt::format_to(std::back_inserter(buf), ",{}", v[i]);
      }
    }
    buf.push_back('\n');
    if (buf.size() > (1 << 20)) {
      file.Write(std::string_view(buf.data(), buf.size()));
      buf.clear();
    }
  }
  file.Write(std::string_view(buf.data(), buf.size()));
  return file.Commit();
}

absl::Status WriteRejectsCsv(const std::string& path, const graph::LoadReport& report) {
  base::AtomicFile file(path);
  if (absl::Status s = file.Open(); !s.ok()) return s;
  file.Write("file,line,reason,record\n");
  for (const graph::LoadIssue& e : report.errors) {
    file.Write(fmt::format("{},{},{},{}\n", base::CsvCell(e.file), e.line, base::CsvCell(e.reason),
                           base::CsvCell(e.record)));
  }
  return file.Commit();
}

}  // namespace tiersight::cli
