/// The TTL, class and type between a record's owner and its RDATA, in whichever order the file wrote them.
///
/// Kept apart from the parser because telling the three apart is the one ambiguous step of RFC 1035's grammar:
/// a token that starts with a digit is a TTL, `IN`, `CH`, `HS` or `CLASSnnn` is a class, and anything else
/// must be the type, which ends the header.
struct ZoneFileRecordHeader {
  var ttl: UInt32?
  var rrClass: RRClass?
  var classToken: PresentationToken?
  var type: RRType
  var typeToken: PresentationToken

  /// Takes the header's tokens from the front of `tokens`, leaving the RDATA; `entryEnd` is the entry's last
  /// token, where a missing type is reported.
  init(taking tokens: inout ArraySlice<PresentationToken>, entryEnd: PresentationToken) throws(PresentationError) {
    var ttl: UInt32?
    var rrClass: RRClass?
    var classToken: PresentationToken?
    while let token = tokens.popFirst() {
      guard !token.isQuoted else {
        throw token.error("expected a TTL, class or type, not the quoted text \"\(token.string)\"")
      }
      if token.startsWithDigit {
        guard ttl == nil else { throw token.error("second TTL '\(token.string)' in one record") }
        ttl = try token.ttl()
      } else if let parsed = Self.zoneClass(token.string) {
        guard rrClass == nil else { throw token.error("second class '\(token.string)' in one record") }
        rrClass = parsed
        classToken = token
      } else if let type = RRType(mnemonic: token.string) {
        guard !type.isMetaOrQueryType else {
          throw token.error("\(type) is a query type, not a type of record a zone file can hold")
        }
        self.ttl = ttl
        self.rrClass = rrClass
        self.classToken = classToken
        self.type = type
        self.typeToken = token
        return
      } else {
        throw token.error("unknown type '\(token.string)'")
      }
    }
    throw PresentationError(
      line: entryEnd.line, column: entryEnd.column + entryEnd.text.count, message: "record has no type")
  }

  /// The classes a zone's data can be in; `NONE` and `ANY` only appear in queries and updates.
  private static func zoneClass(_ text: String) -> RRClass? {
    guard let rrClass = RRClass(mnemonic: text), rrClass != .none, rrClass != .any else { return nil }
    return rrClass
  }
}
