import { type GraphContext, segment } from "./context.ts";
import { phoneNumberSchema } from "./responses.ts";
import type { PhoneNumberInfo } from "./types.ts";

const FIELDS =
  "id,display_phone_number,verified_name,quality_rating,code_verification_status,name_status,platform_type,throughput,messaging_limit_tier";

/** Reads a business phone number's display number, verified name and quality. */
export async function getPhoneNumber({
  ctx,
  phoneNumberId,
}: {
  ctx: GraphContext;
  phoneNumberId?: string | undefined;
}): Promise<PhoneNumberInfo> {
  const answer = await ctx.http.request({
    method: "GET",
    path: segment(ctx.phoneNumberId(phoneNumberId)),
    query: { fields: FIELDS },
    schema: phoneNumberSchema,
    expected: "a phone number with display_phone_number and verified_name",
  });
  return {
    id: answer.id,
    displayPhoneNumber: answer.display_phone_number,
    verifiedName: answer.verified_name,
    qualityRating: answer.quality_rating,
    ...(answer.code_verification_status === undefined ? {} : { codeVerificationStatus: answer.code_verification_status }),
    ...(answer.name_status === undefined ? {} : { nameStatus: answer.name_status }),
    ...(answer.platform_type === undefined ? {} : { platformType: answer.platform_type }),
    ...(answer.throughput?.level === undefined ? {} : { throughputLevel: answer.throughput.level }),
    ...(answer.messaging_limit_tier === undefined ? {} : { messagingLimitTier: answer.messaging_limit_tier }),
  };
}
