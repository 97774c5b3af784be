// The HubSpot destination: each insight becomes a note on the account's company record, so
// a CS team sees support signals on the company timeline — CRM v3
// POST {url}/crm/v3/objects/notes with Bearer auth (a private-app token in `secret`), body
// {properties: {hs_timestamp, hs_note_body}, associations: [{to: {id: <company id>}, types:
// [{associationCategory: "HUBSPOT_DEFINED", associationTypeId: 190}]}]} (190 = note to
// company). The company id is the insight's account id: accounts must be keyed by their
// HubSpot company id (as `debriefd accounts import` of a HubSpot export keys them); an
// insight whose account id is not one (not all digits, or none) is dead-lettered. The note
// body is the insight summary, or the destination's `template`, HTML-escaped.
#ifndef DEBRIEF_SERVER_ROUTING_DESTINATIONS_HUBSPOT_HUBSPOT_DESTINATION_H_
#define DEBRIEF_SERVER_ROUTING_DESTINATIONS_HUBSPOT_HUBSPOT_DESTINATION_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "server/common/clock.h"
#include "server/config/routing_options.h"
#include "server/routing/destination.h"
#include "server/routing/http_transport.h"
#include "server/routing/payload_template.h"

namespace debrief::routing {

// The note body (HTML) of `insight`: the template when there is one, else the title and
// summary lines; customer text escaped, lines joined with <br>. Pure.
std::string HubSpotNoteBody(const core::Insight& insight, const core::Delivery& delivery,
                            const PayloadTemplate* note_template);

// Thread-safe.
class HubSpotDestination final : public Destination {
 public:
  // Resolves the token and parses the template. NOT_FOUND naming the env var or file when
  // the token is missing; INVALID_ARGUMENT naming destinations.<name>.template when invalid.
  static absl::StatusOr<std::unique_ptr<HubSpotDestination>> Create(const config::DestinationOptions& options,
                                                                     std::unique_ptr<HttpTransport> http,
                                                                     const common::Clock& clock);

  DeliveryResult Deliver(const core::Insight& insight, const core::Delivery& delivery,
                         int attempt) override;

 private:
  HubSpotDestination(std::string notes_url, std::string token, TemplateChoice note_template,
                     std::unique_ptr<HttpTransport> http, const common::Clock& clock)
      : notes_url_(std::move(notes_url)),
        token_(std::move(token)),
        note_template_(std::move(note_template)),
        http_(std::move(http)),
        clock_(clock) {}

  const std::string notes_url_;
  const std::string token_;
  const TemplateChoice note_template_;
  const std::unique_ptr<HttpTransport> http_;
  const common::Clock& clock_;
};

}  // namespace debrief::routing

#endif  // DEBRIEF_SERVER_ROUTING_DESTINATIONS_HUBSPOT_HUBSPOT_DESTINATION_H_
