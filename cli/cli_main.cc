// tiersight: the command-line auditor of agent networks.
//
// Exit codes common to every verb: 0 success, 1 a bad bundle (or other
// failure of the work itself), 2 a usage error (for `audit` also an unknown
// pack name, jurisdiction or parameter, or a bad parameter value, found
// before the bundle is read).

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/bundle_commands.h"
#include "cli/generate_command.h"
#include "cli/remote_audit.h"
#include "cli/remote_download.h"
#include "cli/remote_upload.h"
#include "cli/report_commands.h"
#include "cli/rules_commands.h"
#include "exports/html_report.h"
#include "exports/report_languages.h"

namespace {

constexpr int kUsageError = 2;

// Shown as IsMember would show the list; its message names the language
// and the ones the report has.
CLI::Validator ReportLanguageValidator() {
  return CLI::Validator(
      [](std::string& lang) {
        const absl::Status s = tiersight::exports::CheckReportLanguage(lang);
        return s.ok() ? std::string() : std::string(s.message());
      },
      fmt::format("{{{}}}", fmt::join(tiersight::exports::ReportLanguages(), ",")));
}

void SetUpLogging(const std::string& level) {
  auto logger = spdlog::stderr_color_mt("tiersight");
  logger->set_pattern("[%H:%M:%S] %^%l%$ %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
}

}  // namespace

int main(int argc, char** argv) {
  using tiersight::cli::CheckCommandOptions;
  using tiersight::cli::FiguresCommandOptions;
  using tiersight::cli::GenerateCommandOptions;

  CLI::App app{
      "tiersight: audits agent networks (MLM / 微商) for pyramid selling and stock hoarding"};
  app.require_subcommand(1);
  app.fallthrough();  // global options such as --log-level may follow the verb
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  bool allow_insecure_key = false;
  app.add_flag("--allow-insecure-key", allow_insecure_key,
               "use private key files (--sign-key, --key, --pseudonym-key) that group or others "
               "may read, with a warning; without it they are refused");
  const std::vector<std::string> formats = {"text", "json"};

  FiguresCommandOptions figures;
  CLI::App* figures_cmd = app.add_subcommand(
      "figures", "Compute every core figure of a bundle: per network, level, tier and agent");
  figures_cmd->add_option("BUNDLE", figures.bundle, "bundle directory")->required();
  figures_cmd->add_option("--format", figures.format, "text (default) or json")
      ->check(CLI::IsMember(formats));
  figures_cmd->add_option("--agents", figures.agents_csv,
                          "also write every agent's figures to this CSV file");
  figures_cmd->add_option("--rejects", figures.rejects_csv,
                          "write the rejected rows and their reasons to this CSV file");
  figures_cmd->add_flag("--lenient", figures.lenient,
                        "reject bad rows (and the rows depending on them) and go on");

  CheckCommandOptions check;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Validate a bundle: exit 0 when clean, 1 when any row was rejected");
  check_cmd->add_option("BUNDLE", check.bundle, "bundle directory")->required();
  check_cmd->add_option("--format", check.format, "text (default) or json")
      ->check(CLI::IsMember(formats));
  check_cmd->add_option("--rejects", check.rejects_csv,
                        "write the rejected rows and their reasons to this CSV file");
  check_cmd->add_flag("--lenient", check.lenient, "load leniently (exit status is the same)");

  GenerateCommandOptions generate;
  CLI::App* generate_cmd =
      app.add_subcommand("generate", "Write a realistic example bundle of any size from a seed");
  tiersight::cli::AddGenerateOptions(*generate_cmd, generate);

  tiersight::cli::AuditCommandOptions audit;
  CLI::App* audit_cmd = app.add_subcommand(
      "audit", "Evaluate rule packs over a bundle: findings with citations, evidence and figures");
  audit_cmd->add_option("BUNDLE", audit.bundle, "bundle directory (or --server and --network)");
  audit_cmd->add_option("--pack", audit.packs,
                        "a shipped pack's name or a pack file; repeatable; `all`: every shipped "
                        "pack (default: the shipped packs of the network's jurisdiction and those "
                        "that run everywhere; every pack when it has none)");
  audit_cmd->add_option("--jurisdiction", audit.jurisdiction,
                        "the network's jurisdiction, a code the packs declare (cn, us, eu, ...; "
                        "default: network.yaml's)");
  audit_cmd->add_option("--param", audit.params,
                        "PACK.NAME=VALUE: a pack parameter for this audit; repeatable (`tiersight "
                        "rules list` shows them)");
  audit_cmd->add_option("--format", audit.format, "text (default) or json")
      ->check(CLI::IsMember(formats));
  audit_cmd->add_option("--fail-on", audit.fail_on, "exit 3 when a finding reaches this severity")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical"}));
  audit_cmd->add_option("--rejects", audit.rejects_csv, "write the rejected rows to this CSV file");
  audit_cmd->add_flag("--lenient", audit.lenient, "reject bad rows and audit the rest");
  CLI::Option* audit_out = audit_cmd->add_option(
      "--out", audit.out,
      "also export the report: x.json, x.html, x.pdf (the HTML report printed by headless "
      "Chromium), x.zip (CSV tables) or DIR/ (CSV tables)");
  audit_cmd
      ->add_option("--out-format", audit.out_format, "json, html, pdf or csv (default: from --out)")
      ->check(CLI::IsMember({"json", "html", "pdf", "csv"}))
      ->needs(audit_out);
  audit_cmd
      ->add_option("--lang", audit.lang,
                   fmt::format("labels of the HTML report (default {})",
                               tiersight::exports::kDefaultReportLanguage))
      ->check(ReportLanguageValidator())
      ->needs(audit_out);
  audit_cmd
      ->add_flag("--reproducible", audit.reproducible,
                 "generated_at = the as-of date, so that two runs give identical bytes")
      ->needs(audit_out);
  audit_cmd
      ->add_flag("--include-personal-data", audit.include_personal_data,
                 "export agent ids as written in the bundle instead of pseudonyms")
      ->needs(audit_out);
  audit_cmd
      ->add_option("--sign-key", audit.sign_key,
                   "sign the exported JSON/HTML with this private key (from keygen)")
      ->needs(audit_out);
  audit_cmd
      ->add_option("--pseudonym-key", audit.pseudonym_key,
                   "key file for agent pseudonyms (default: derived from --sign-key, else "
                   "$TIERSIGHT_PSEUDONYM_KEY, else a per-user key)")
      ->needs(audit_out);

  // Remote audit of a network stored in tiersightd; the token never is a flag.
  std::string audit_ca_file;
  audit_cmd->add_option("--server", audit.server, "audit a stored network on this HOST:PORT");
  audit_cmd->add_option("--network", audit.network, "the stored network's id (with --server)");
  audit_cmd->add_option("--token-file", audit.token_file,
                        "file holding the bearer token (default: $TIERSIGHT_TOKEN)");
  audit_cmd->add_option("--ca-file", audit_ca_file, "PEM CA certificates: connect with TLS");

  tiersight::cli::UploadCommandOptions upload;
  CLI::App* upload_cmd = app.add_subcommand(
      "upload", "Store a bundle in tiersightd: prints its load report, network id and digest");
  upload_cmd->add_option("BUNDLE", upload.bundle, "bundle directory")->required();
  upload_cmd->add_option("--server", upload.remote.server, "HOST:PORT of tiersightd")->required();
  upload_cmd->add_option("--token-file", upload.remote.token_file,
                         "file holding the bearer token (default: $TIERSIGHT_TOKEN)");
  upload_cmd->add_option("--ca-file", upload.remote.ca_file,
                         "PEM CA certificates: connect with TLS");
  upload_cmd->add_option("--display-name", upload.display_name,
                         "the network's name in the service (default: network.yaml's name); at "
                         "most 200 bytes, no control characters");
  upload_cmd->add_option("--format", upload.format, "text (default) or json")
      ->check(CLI::IsMember(formats));

  tiersight::cli::DownloadCommandOptions download;
  CLI::App* download_cmd = app.add_subcommand(
      "download", "Write a stored network's bundle files into a new directory (to verify reports)");
  download_cmd->add_option("--server", download.remote.server, "HOST:PORT of tiersightd")
      ->required();
  download_cmd->add_option("--network", download.network, "networks/ID or ID")->required();
  download_cmd->add_option("--out", download.out, "a directory that does not exist yet")
      ->required();
  download_cmd->add_option("--token-file", download.remote.token_file,
                           "file holding the bearer token (default: $TIERSIGHT_TOKEN)");
  download_cmd->add_option("--ca-file", download.remote.ca_file,
                           "PEM CA certificates: connect with TLS");

  CLI::App* rules_cmd = app.add_subcommand("rules", "Work with rule packs");
  rules_cmd->require_subcommand(1);
  CLI::App* rules_list = rules_cmd->add_subcommand("list", "The shipped packs and their rules");
  std::vector<std::string> lint_files, test_paths;
  CLI::App* rules_lint =
      rules_cmd->add_subcommand("lint", "Check pack files: errors with file:line:column");
  rules_lint->add_option("FILE", lint_files, "pack files")->required();
  CLI::App* rules_test = rules_cmd->add_subcommand("test", "Run the packs' own test cases");
  rules_test->add_option("PATH", test_paths, "pack files or directories (default: shipped packs)");
  std::string figures_scope;
  CLI::App* rules_figures =
      rules_cmd->add_subcommand("figures", "Every figure a rule may name, with its definition");
  rules_figures->add_option("--scope", figures_scope, "network, level, tier or agent")
      ->check(CLI::IsMember({"network", "level", "tier", "agent"}));
  CLI::App* rules_tags = rules_cmd->add_subcommand("tags", "The tags a rule may carry");

  std::string keygen_out, sign_report, sign_key, sign_out, verify_report, verify_pub, verify_bundle;
  CLI::App* keygen_cmd =
      app.add_subcommand("keygen", "Create an Ed25519 key pair for signing reports");
  keygen_cmd->add_option("--out", keygen_out, "writes OUT.key (private) and OUT.pub")->required();
  CLI::App* sign_cmd =
      app.add_subcommand("sign", "Sign a JSON audit report (Ed25519 over its canonical JSON)");
  sign_cmd->add_option("REPORT", sign_report, "report.json")->required();
  sign_cmd->add_option("--key", sign_key, "private key file (from keygen)")->required();
  sign_cmd->add_option("--out", sign_out, "write the signed report here (default: in place)");
  CLI::App* verify_cmd = app.add_subcommand(
      "verify",
      "Check a signed report; with --bundle, also recompute digest, figures and findings");
  verify_cmd->footer(fmt::format(
      "An HTML report is checked through the signed JSON it embeds, and its page must be byte for "
      "byte what that JSON renders to.\n"
      "Exit codes: 0 all is valid; 1 the signature fails, something differs or the page was "
      "edited; 2 usage error; 3 all that was checked is valid but the HTML page could not be "
      "re-rendered (made by another version of the renderer than this build's version {}, or "
      "in a language this build lacks), so the page itself was not checked: rely on the signed "
      "report it embeds.",
      tiersight::exports::kHtmlRendererVersion));
  verify_cmd->add_option("REPORT", verify_report, "signed report.json or report.html")->required();
  verify_cmd->add_option("--pubkey", verify_pub, "public key file")->required();
  verify_cmd->add_option("--bundle", verify_bundle, "the bundle the report is about");
  std::string verify_pseudonym_key;
  verify_cmd->add_option(
      "--pseudonym-key", verify_pseudonym_key,
      "the key file a pseudonymised report was made with (or the signing key it was "
      "derived from): compare agent ids too");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kUsageError;
  }
  SetUpLogging(log_level);
  audit.allow_insecure_key = allow_insecure_key;
  const tiersight::base::KeyFileAccess key_access =
      allow_insecure_key ? tiersight::base::KeyFileAccess::kAllowInsecure
                         : tiersight::base::KeyFileAccess::kOwnerOnly;

  if (*figures_cmd) return tiersight::cli::RunFiguresCommand(figures);
  if (*check_cmd) return tiersight::cli::RunCheckCommand(check);
  if (*generate_cmd) return tiersight::cli::RunGenerateCommand(generate);
  if (*keygen_cmd) return tiersight::cli::RunKeygenCommand(keygen_out);
  if (*sign_cmd) return tiersight::cli::RunSignCommand(sign_report, sign_key, sign_out, key_access);
  if (*verify_cmd) {
    return tiersight::cli::RunVerifyCommand(verify_report, verify_pub, verify_bundle,
                                            verify_pseudonym_key, key_access);
  }
  if (*upload_cmd) return tiersight::cli::RunUploadCommand(upload);
  if (*download_cmd) return tiersight::cli::RunDownloadCommand(download);
  if (*audit_cmd && audit.bundle.empty() == audit.server.empty()) {
    std::fprintf(stderr,
                 "tiersight audit: give either BUNDLE or --server HOST:PORT --network ID\n");
    return kUsageError;
  }
  if (*audit_cmd && !audit.server.empty()) {
    if (audit.network.empty()) {
      std::fprintf(stderr, "tiersight audit: --server needs --network ID\n");
      return kUsageError;
    }
    return tiersight::cli::RunRemoteAuditCommand(audit, audit_ca_file);
  }
  if (*audit_cmd) return tiersight::cli::RunAuditCommand(audit);
  if (*rules_list) return tiersight::cli::RunRulesListCommand();
  if (*rules_lint) return tiersight::cli::RunRulesLintCommand(lint_files);
  if (*rules_test) return tiersight::cli::RunRulesTestCommand(test_paths);
  if (*rules_figures) return tiersight::cli::RunRulesFiguresCommand(figures_scope);
  if (*rules_tags) return tiersight::cli::RunRulesTagsCommand();
  return kUsageError;
}
