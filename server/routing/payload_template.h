// Payload templates: the text a person reads in Slack, a HubSpot note or a Salesforce Task,
// written in config with placeholders filled from the insight. Parsed (and so checked) when
// the destination is built; rendering never fails (a body field the insight lacks is empty).
//
//   DEBRIEF_ASSIGN_OR_RETURN(PayloadTemplate t, PayloadTemplate::Parse(
//       "{insight.kind} on {body.account.name}: {body.quote}", "destinations.crm.template"));
//   std::string note = t.Render(insight, delivery, SummaryText(summary), HtmlEscape);
//
// Placeholders: {insight.kind}, {insight.insight_id}, {insight.account_id},
// {insight.ticket_id}, {insight.audience}, {insight.created_at} (RFC 3339 UTC),
// {body.<field>[.<field>...]} (strings as they are, other JSON values as JSON),
// {extra.<field>} (ticket_url, subject, requester_email, assignee_email: only when the route
// allows it), {summary} (the destination's default text). "{{" is a literal "{".
#ifndef DEBRIEF_SERVER_ROUTING_PAYLOAD_TEMPLATE_H_
#define DEBRIEF_SERVER_ROUTING_PAYLOAD_TEMPLATE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/config/routing_options.h"
#include "server/core/insight.h"

namespace debrief::routing {

// Immutable value type; thread-safe.
class PayloadTemplate {
 public:
  // Escapes a placeholder's value for the output format (literal text is kept as written).
  using Escape = std::function<std::string(absl::string_view)>;

  // INVALID_ARGUMENT naming `field_path` and the placeholder when a placeholder is unknown
  // or malformed, or a "{" is not closed.
  static absl::StatusOr<PayloadTemplate> Parse(absl::string_view text, absl::string_view field_path);

  // The text with every placeholder replaced by escape(value).
  std::string Render(const core::Insight& insight, const core::Delivery& delivery, absl::string_view summary,
                     const Escape& escape) const;

 private:
  struct Piece {
    // True: `text` is a placeholder name such as "body.quote"; false: literal text.
    bool placeholder = false;
    std::string text;
  };
  explicit PayloadTemplate(std::vector<Piece> pieces) : pieces_(std::move(pieces)) {}

  std::vector<Piece> pieces_;
};

// The template a delivery renders with: its route's (`routes[].template`) when the route
// has one, else the destination's (`destinations.<name>.template`), else none (the
// destination's default layout). Immutable; thread-safe.
class TemplateChoice {
 public:
  // INVALID_ARGUMENT naming the template's key when one does not parse.
  static absl::StatusOr<TemplateChoice> Parse(const config::DestinationOptions& options);

  // Null when neither the delivery's route nor the destination has a template.
  const PayloadTemplate* For(const core::Delivery& delivery) const;

 private:
  std::optional<PayloadTemplate> destination_;
  std::map<std::string, PayloadTemplate, std::less<>> by_route_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_PAYLOAD_TEMPLATE_H_
