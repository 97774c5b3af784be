#include "server/codec/debriefing_codec.h"

#include "server/codec/ticket_codec.h"

namespace debrief::codec {

void EvidenceToProto(const core::Evidence& evidence, v1::Evidence& out) {
  out.set_message_index(evidence.message_index);
  out.set_start(evidence.start);
  out.set_end(evidence.end);
  out.set_quote(evidence.quote);
}

void LabelToProto(const core::Label& label, v1::Label& out) {
  out.set_value(label.value);
  out.set_confidence(label.confidence);
  out.set_source(static_cast<v1::LabelSource>(label.source));
  for (const core::Evidence& evidence : label.evidence) EvidenceToProto(evidence, *out.add_evidence());
  out.set_description(label.description);
}

v1::Debriefing DebriefingToProto(const core::Debriefing& debriefing) {
  v1::Debriefing proto;
  proto.set_decision_id(debriefing.decision_id);
  for (const core::Label& label : debriefing.suggested_tags) {
    LabelToProto(label, *proto.add_suggested_tags());
  }
  if (debriefing.fix_category.has_value()) {
    LabelToProto(*debriefing.fix_category, *proto.mutable_fix_category());
  }
  if (debriefing.root_cause.has_value()) {
    LabelToProto(*debriefing.root_cause, *proto.mutable_root_cause());
  }
  const core::Sentiment& sentiment = debriefing.sentiment;
  if (!sentiment.messages.empty()) {
    v1::Sentiment* out = proto.mutable_sentiment();
    for (const core::MessageSentiment& message : sentiment.messages) {
      v1::MessageSentiment* item = out->add_messages();
      item->set_message_index(message.message_index);
      item->set_score(message.score);
      item->set_label(static_cast<v1::SentimentLabel>(message.label));
      item->set_confidence(message.confidence);
      for (const core::Evidence& evidence : message.evidence) {
        EvidenceToProto(evidence, *item->add_evidence());
      }
    }
    out->set_start(sentiment.start);
    out->set_end(sentiment.end);
    out->set_delta(sentiment.delta);
    out->set_label(static_cast<v1::SentimentLabel>(sentiment.label));
    out->set_confidence(sentiment.confidence);
  }
  for (const core::CompetitorMention& mention : debriefing.competitors) {
    v1::CompetitorMention* out = proto.add_competitors();
    out->set_competitor(mention.competitor);
    out->set_alias(mention.alias);
    out->set_context(static_cast<v1::CompetitorContext>(mention.context));
    out->set_confidence(mention.confidence);
    EvidenceToProto(mention.evidence, *out->mutable_evidence());
  }
  for (const core::ProductFeedback& feedback : debriefing.product_feedback) {
    v1::ProductFeedback* out = proto.add_product_feedback();
    out->set_kind(static_cast<v1::FeedbackKind>(feedback.kind));
    out->set_product_area(feedback.product_area);
    out->set_confidence(feedback.confidence);
    EvidenceToProto(feedback.evidence, *out->mutable_evidence());
    out->set_theme(feedback.theme);
  }
  for (const core::ErrorSignature& error : debriefing.errors) {
    v1::ErrorSignature* out = proto.add_errors();
    out->set_fingerprint(error.fingerprint);
    out->set_normalized(error.normalized);
    out->set_verbatim(error.verbatim);
    EvidenceToProto(error.evidence, *out->mutable_evidence());
    out->set_kind(error.kind);
    out->set_confidence(error.confidence);
  }
  v1::Escalation* escalation = proto.mutable_escalation();
  escalation->set_level(static_cast<v1::EscalationLevel>(debriefing.escalation.level));
  escalation->set_target(static_cast<v1::Team>(debriefing.escalation.target));
  if (debriefing.escalation.due_by.has_value()) {
    TimeToProto(*debriefing.escalation.due_by, *escalation->mutable_due_by());
  }
  for (const core::EscalationReason& reason : debriefing.escalation.reasons) {
    v1::EscalationReason* out = escalation->add_reasons();
    out->set_rule(reason.rule);
    out->set_text(reason.text);
    for (const core::Evidence& evidence : reason.evidence) {
      EvidenceToProto(evidence, *out->add_evidence());
    }
    out->set_level(static_cast<v1::EscalationLevel>(reason.level));
    out->set_target(static_cast<v1::Team>(reason.target));
  }
  const core::Relationship& relationship = debriefing.relationship;
  v1::Relationship* rel = proto.mutable_relationship();
  rel->set_renewal_risk(relationship.renewal_risk);
  rel->set_renewal_risk_delta(relationship.renewal_risk_delta);
  rel->set_expansion_score(relationship.expansion_score);
  rel->set_expansion_delta(relationship.expansion_delta);
  for (const core::Signal& signal : relationship.signals) {
    v1::Signal* out = rel->add_signals();
    out->set_kind(signal.kind);
    out->set_weight(signal.weight);
    EvidenceToProto(signal.evidence, *out->mutable_evidence());
  }
  for (const std::string& reason : relationship.reasons) rel->add_reasons(reason);
  rel->set_repeat_contacts(relationship.repeat_contacts);
  for (const auto* reasons : {&relationship.risk_reasons, &relationship.expansion_reasons}) {
    for (const core::ScoreReason& reason : *reasons) {
      v1::ScoreReason* out = reasons == &relationship.risk_reasons ? rel->add_risk_reasons()
                                                                   : rel->add_expansion_reasons();
      out->set_ticket_id(reason.ticket_id);
      out->set_signal(reason.signal);
      out->set_points(reason.points);
      out->set_text(reason.text);
    }
  }
  for (const core::RoutedInsight& routed : debriefing.routed) {
    v1::RoutedInsight* out = proto.add_routed();
    out->set_insight_id(routed.insight_id);
    out->set_kind(routed.kind);
    out->set_audience(static_cast<v1::Team>(routed.audience));
    out->set_destination(routed.destination);
  }
  proto.set_replayed(debriefing.replayed);
  proto.set_model_version(debriefing.model_version);
  if (debriefing.decided_at.has_value()) {
    TimeToProto(*debriefing.decided_at, *proto.mutable_decided_at());
  }
  for (const std::string& tag : debriefing.unknown_helpdesk_tags) {
    proto.add_unknown_helpdesk_tags(tag);
  }
  return proto;
}

}  // namespace debrief::codec
