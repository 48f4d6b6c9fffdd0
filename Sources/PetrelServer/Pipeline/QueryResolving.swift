public import PetrelDNS
public import PetrelResolver

/// What the query pipeline asks when neither the packet cache nor a local zone answers.
///
/// The pipeline depends on this one method rather than on the resolver type, so that it can be built and
/// tested on its own (tests plug in a scripted resolver) and so that the daemon decides what stands behind it.
public protocol QueryResolving: Sendable {
  func resolve(_ question: Question) async -> ResolutionResult
}

/// Answers questions from data held in memory, synchronously, on the event loop: the local zones.
///
/// A protocol for the same reason as `QueryResolving`: the pipeline does not need to know how zones are stored.
public protocol LocalAnswering: Sendable {
  /// The answer, or nil when the question lies outside every local zone.
  func localAnswer(_ question: Question) -> QueryAnswer?
}

/// The content of a response, whoever produced it: resolver or local zone.
///
/// One shape for both sources so that encoding, truncation and packet caching are written once.
public struct QueryAnswer: Sendable, Equatable {
  public var rcode: RCode
  public var answers: [ResourceRecord]
  public var authorities: [ResourceRecord]
  public var additionals: [ResourceRecord]
  /// Why the answer is a failure (RFC 8914); sent only to clients that used EDNS.
  public var extendedError: ExtendedDNSError?
  /// True for data from a local zone: the AA bit.
  public var authoritative: Bool

  public init(
    rcode: RCode, answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
    additionals: [ResourceRecord] = [], extendedError: ExtendedDNSError? = nil, authoritative: Bool = false
  ) {
    self.rcode = rcode
    self.answers = answers
    self.authorities = authorities
    self.additionals = additionals
    self.extendedError = extendedError
    self.authoritative = authoritative
  }

  /// The resolver's result as response content; a SERVFAIL always carries an extended error.
  public init(_ result: ResolutionResult) {
    var extendedError = result.extendedError
    if result.rcode == .servFail && extendedError == nil {
      extendedError = ExtendedDNSError(code: .otherError)
    }
    self.init(
      rcode: result.rcode, answers: result.answers, authorities: result.authorities, extendedError: extendedError)
  }
}
