// The one converter from core::Debriefing (and its parts) to the wire
// debrief.v1.Debriefing.
#ifndef DEBRIEF_SERVER_CODEC_DEBRIEFING_CODEC_H_
#define DEBRIEF_SERVER_CODEC_DEBRIEFING_CODEC_H_

#include "debrief/v1/debriefing.pb.h"
#include "server/core/debriefing.h"

namespace debrief::codec {

v1::Debriefing DebriefingToProto(const core::Debriefing& debriefing);
void LabelToProto(const core::Label& label, v1::Label& out);
void EvidenceToProto(const core::Evidence& evidence, v1::Evidence& out);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_DEBRIEFING_CODEC_H_
