#include "base/message.h"

namespace tiersight::base {

std::string RenderTemplate(std::string_view templ, const std::vector<MessageArg>& args) {
  std::string out;
  size_t next_arg = 0;
  for (size_t i = 0; i < templ.size(); ++i) {
    const char c = templ[i];
    if ((c == '{' || c == '}') && i + 1 < templ.size() && templ[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      const size_t close = templ.find('}', i);
      if (close == std::string_view::npos) {
        out.append(templ.substr(i));
        break;
      }
      if (next_arg < args.size()) out += args[next_arg].text;
      ++next_arg;
      i = close;
      continue;
    }
    out += c;
  }
  return out;
}

std::string Message::Render() const { return RenderTemplate(templ, args); }

MessageBuilder& MessageBuilder::Text(std::string_view text) {
  for (char c : text) {
    message_.templ += c;
    if (c == '{' || c == '}') message_.templ += c;
  }
  return *this;
}

MessageBuilder& MessageBuilder::Placeholder(std::string_view name, std::string text,
                                            MessageArg::Kind kind) {
  message_.templ += '{';
  message_.templ += name;
  message_.templ += '}';
  message_.args.push_back(
      MessageArg{.name = std::string(name), .text = std::move(text), .kind = kind});
  return *this;
}

MessageBuilder& MessageBuilder::Agent(std::string_view name, std::string_view agent_id) {
  return Placeholder(name, std::string(agent_id), MessageArg::Kind::kAgentId);
}

MessageBuilder& MessageBuilder::Value(std::string_view name, std::string_view text,
                                      MessageArg::Kind kind) {
  return Placeholder(name, std::string(text), kind);
}

MessageBuilder& MessageBuilder::Append(const Message& other) {
  message_.templ += other.templ;
  message_.args.insert(message_.args.end(), other.args.begin(), other.args.end());
  return *this;
}

Message JoinMessages(const std::vector<Message>& parts, std::string_view separator) {
  MessageBuilder b;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) b.Text(separator);
    b.Append(parts[i]);
  }
  return std::move(b).Build();
}

Message PlainMessage(std::string_view text) {
  MessageBuilder b;
  b.Text(text);
  return std::move(b).Build();
}

}  // namespace tiersight::base
