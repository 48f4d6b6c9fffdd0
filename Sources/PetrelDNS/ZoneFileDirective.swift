/// A `$` control entry of a zone file (RFC 1035 §5.1, RFC 2308 §4), checked for its one argument.
///
/// Only `$ORIGIN` and `$TTL` are accepted. `$INCLUDE` is refused by name: the daemon opens no file on a zone's
/// behalf, so the included text must be given to the parser itself. Anything else (`$GENERATE`, typos) is
/// refused rather than skipped, because skipping it would silently drop records.
struct ZoneFileDirective {
  enum Kind {
    case origin
    case ttl
  }

  var kind: Kind
  var argument: PresentationToken

  /// `tokens` is the whole entry, its first token the directive.
  init(_ tokens: [PresentationToken]) throws(PresentationError) {
    let keyword = tokens[0]
    let argumentName: String
    switch keyword.string.uppercased() {
    case "$ORIGIN":
      kind = .origin
      argumentName = "a domain name"
    case "$TTL":
      kind = .ttl
      argumentName = "a TTL"
    case "$INCLUDE":
      throw keyword.error(
        "$INCLUDE is not supported: Petrel opens no files on a zone's behalf; put the included records here instead")
    default:
      throw keyword.error("unknown directive '\(keyword.string)' (only $ORIGIN and $TTL are supported)")
    }
    guard tokens.count >= 2 else {
      throw PresentationError(
        line: keyword.line, column: keyword.column + keyword.text.count,
        message: "\(keyword.string) needs \(argumentName)")
    }
    guard tokens.count == 2 else {
      throw tokens[2].error("unexpected '\(tokens[2].string)' after \(keyword.string) \(tokens[1].string)")
    }
    argument = tokens[1]
  }
}
