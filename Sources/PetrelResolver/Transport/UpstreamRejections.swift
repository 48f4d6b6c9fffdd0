/// How many responses an upstream transport has thrown away, by reason, for metrics.
///
/// A resolver that quietly drops forged or broken responses is doing its job; a resolver that drops many of them
/// is under attack or talking to a broken server, and operators need to see that. These counts are what the
/// transport exposes for it.
public struct UpstreamRejections: Sendable, Hashable {
  /// Datagrams whose source address or port was not the queried server's.
  public var wrongSource: Int
  /// Responses that carried another ID than the query's.
  public var wrongID: Int
  /// Messages with the query's ID but without the QR bit: not a response at all (a reflected query).
  public var notResponse: Int
  /// Responses too short to carry an ID, or that would not decode.
  public var undecodable: Int

  public init(wrongSource: Int = 0, wrongID: Int = 0, notResponse: Int = 0, undecodable: Int = 0) {
    self.wrongSource = wrongSource
    self.wrongID = wrongID
    self.notResponse = notResponse
    self.undecodable = undecodable
  }

  /// All rejections together.
  public var total: Int { wrongSource + wrongID + notResponse + undecodable }
}

/// Why one response was thrown away.
enum RejectionReason: Sendable, Equatable {
  case wrongSource, wrongID, notResponse, undecodable
}
