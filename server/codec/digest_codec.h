// The one converter between digests' core types (core/digest.h) and the Insights
// service's wire messages (debrief.v1 Digest, GetDigestRequest).
#ifndef DEBRIEF_SERVER_CODEC_DIGEST_CODEC_H_
#define DEBRIEF_SERVER_CODEC_DIGEST_CODEC_H_

#include "debrief/v1/digest.pb.h"
#include "server/core/digest.h"

namespace debrief::codec {

void DigestToProto(const core::Digest& digest, v1::Digest& out);

}  // namespace debrief::codec

#endif  // DEBRIEF_SERVER_CODEC_DIGEST_CODEC_H_
