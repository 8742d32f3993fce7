// A message kept as a template and its arguments, and rendered from them.
//
// Anything that may carry an agent id into a report (a finding's message, a
// load issue's reason) is built this way, with each id an argument of kind
// kAgentId. An export that pseudonymises replaces those arguments and
// renders again; it never searches the rendered text for ids, so rewording
// a template can never leak an id.
//
// Template syntax: `{name}` or `{name:format}` is a placeholder, filled by
// the argument of the same position; `{{` and `}}` are literal braces.
// Thread-safe (values).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tiersight::base {

struct MessageArg {
  enum class Kind { kText, kNumber, kAgentId };
  std::string name;  // the placeholder's name, for readers of the template
  std::string text;  // the value as rendered
  Kind kind = Kind::kText;
};

struct Message {
  std::string templ;
  std::vector<MessageArg> args;

  // The template with each placeholder replaced by its argument's text, in
  // order; a placeholder without an argument renders as nothing.
  std::string Render() const;
};

// Builds a message piece by piece: literal text is escaped into the
// template, values become arguments.
class MessageBuilder {
 public:
  MessageBuilder& Text(std::string_view text);
  MessageBuilder& Agent(std::string_view name, std::string_view agent_id);
  MessageBuilder& Value(std::string_view name, std::string_view text,
                        MessageArg::Kind kind = MessageArg::Kind::kText);
  // Appends another message (its template and arguments) as it is.
  MessageBuilder& Append(const Message& other);
  Message Build() && { return std::move(message_); }
  const Message& message() const { return message_; }

 private:
  MessageBuilder& Placeholder(std::string_view name, std::string text, MessageArg::Kind kind);
  Message message_;
};

// Renders `templ` with `args` as Message::Render does.
std::string RenderTemplate(std::string_view templ, const std::vector<MessageArg>& args);

// `parts` joined with `separator` (literal text) into one message.
Message JoinMessages(const std::vector<Message>& parts, std::string_view separator);

// A message of literal text only.
Message PlainMessage(std::string_view text);

}  // namespace tiersight::base
