public import PetrelDNS
public import PetrelResolver

/// One query as a scripted server sees it.
public struct ScriptedRequest: Sendable {
  public var server: UpstreamServer
  public var message: Message
  public var transport: UpstreamQuery.Transport
  /// How many queries this server had received before this one.
  public var sequence: Int

  public var question: Question? { message.question }
  /// The query name's text, for easy matching in rules: `"www.example.com."`.
  public var name: String { message.question?.name.description ?? "" }
  public var type: RRType? { message.question?.type }
}

/// What a scripted server does with a query instead of (or on top of) answering from its zones.
///
/// It exists so that every misbehaviour a resolver must survive is one word in a test: silence, an error rcode,
/// truncation, a lame or forged answer, a transport error.
public enum ScriptedAction: Sendable {
  /// Answer from the zones (the default when no rule matches).
  case answer
  /// No response: the transport times out.
  case timeout
  /// The transport fails otherwise (unreachable, connection refused…).
  case transportError(UpstreamError)
  /// A response with this rcode and no records; the question and EDNS are echoed.
  case rcode(RCode)
  /// FORMERR with no OPT record, as a server that does not know EDNS answers.
  case formErrWithoutEDNS
  /// An empty response with TC set.
  case truncated
  /// NOERROR without AA and without data or referral: a lame server.
  case lame
  /// The zone answer, then changed (extra records, another ID or question, flags…).
  case modify(@Sendable (inout Message) -> Void)
  /// Exactly this message, whatever was asked (the ID is not patched).
  case message(Message)
}

/// A rule a scripted server consults for every query, in order; the first non-nil action wins.
public typealias ScriptedRule = @Sendable (ScriptedRequest) -> ScriptedAction?
