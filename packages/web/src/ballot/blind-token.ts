import { requestBlindSignature } from './ballot-api';
import { obtainBlindToken } from './blind-signature';
import type { ReplyKey } from './reply-key';

/** Obtains a listening round's anonymous answer token through the personal link (see obtainBlindToken). */
export async function obtainReplyKey(
  link: string,
  roundId: string,
  publicKeySpki: string,
): Promise<ReplyKey> {
  const signed = await obtainBlindToken(publicKeySpki, async (blindedMessage) => {
    const { blindSignature } = await requestBlindSignature(link, blindedMessage);
    return blindSignature;
  });
  return { roundId, ...signed };
}
