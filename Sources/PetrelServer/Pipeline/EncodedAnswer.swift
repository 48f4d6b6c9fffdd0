public import PetrelDNS

/// A response encoded for one client, with what the packet cache needs to keep it.
///
/// Made where the answer is (off the event loop for resolver answers, so that encoding does not hold up other
/// clients), then handed to the loop that stores it and writes it.
public struct EncodedAnswer: Sendable {
  /// The whole response, as a TCP client would get it.
  public var whole: [UInt8]
  /// The response cut down to the client's UDP limit with TC set, when the whole one does not fit.
  public var truncated: [UInt8]?
  /// The UDP limit `truncated` was cut to.
  public var limit: Int
  public var rcode: RCode
  /// How long the packet cache may keep it, nil for not at all.
  public var cacheTTL: UInt32?

  /// What the client is sent.
  public var sent: [UInt8] { truncated ?? whole }

  /// Encodes `answer` for the query scanned as `scanned`, asking `question`, for a client that takes at most
  /// `limit` octets; nil only when not even the header and question can be encoded.
  public static func encode(
    _ answer: QueryAnswer, question: Question, scanned: ScannedQuery, limit: Int, policy: PacketCachePolicy
  ) -> EncodedAnswer? {
    let message = AnswerEncoder.message(for: answer, question: question, scanned: scanned)
    guard let whole = AnswerEncoder.encode(message, maxSize: 65_535) else { return nil }
    var truncated: [UInt8]? = nil
    if whole.count > limit {
      guard let cut = AnswerEncoder.encode(message, maxSize: limit) else { return nil }
      truncated = cut
    }
    return EncodedAnswer(
      whole: whole, truncated: truncated, limit: limit, rcode: answer.rcode, cacheTTL: policy.ttl(for: answer))
  }
}
