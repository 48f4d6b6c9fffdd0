/// Reads master-file text (RFC 1035 §5) into resource records.
///
/// The daemon reads its root hints and local data as text at start-up, before it gives up the right to open
/// files; it hands this parser the text, never a path, which is why `$INCLUDE` is refused. Every mistake is
/// reported as a `PresentationError` pointing at the offending token, so an operator can fix the file from the
/// message alone.
///
/// The rules, where RFC 1035 leaves room:
/// - An owner name needs an origin when it is relative (or `@`); there is no silent default origin. Names
///   inside RDATA follow `RDataFields`: relative names are completed with the origin, or taken as absolute
///   when there is none, as `dig` does.
/// - A record without a TTL takes the `$TTL` value, else the previous record's TTL; with neither, it is an
///   error (the SOA minimum is not used: RFC 2308 made that field the negative-caching TTL).
/// - A record without a class takes the zone's class, which is the first record's class (IN by default); a
///   record of another class is an error.
/// - After the owner, a token that starts with a digit is a TTL, `IN`, `CH`, `HS` or `CLASSnnn` is a class,
///   and anything else must be the type (a mnemonic or `TYPEnnn`).
public struct ZoneFileParser {
  /// A record and where its entry starts in the text, for callers that validate records further and want
  /// their own errors to point at the right line.
  public struct Entry: Sendable, Equatable {
    public var record: ResourceRecord
    public var line: Int
    public var column: Int
  }

  /// The name relative names are completed with; `$ORIGIN` changes it.
  public private(set) var origin: DomainName?
  /// The TTL of records that state none; `$TTL` changes it.
  public private(set) var defaultTTL: UInt32?
  /// Named in every error, when given.
  public let fileName: String?

  private var tokenizer: PresentationTokenizer
  private var previousOwner: DomainName?
  private var previousTTL: UInt32?
  private var zoneClass: RRClass?

  public init(text: String, origin: DomainName? = nil, defaultTTL: UInt32? = nil, fileName: String? = nil) {
    tokenizer = PresentationTokenizer(text)
    self.origin = origin
    self.defaultTTL = defaultTTL
    self.fileName = fileName
  }

  /// The next record with its location, or nil at the end of the text.
  public mutating func nextEntry() throws(PresentationError) -> Entry? {
    do {
      while let line = try tokenizer.nextLine() {
        if let entry = try parse(line) { return entry }
      }
      return nil
    } catch {
      var located = error
      located.file = fileName
      throw located
    }
  }

  /// The next record, or nil at the end of the text.
  public mutating func next() throws(PresentationError) -> ResourceRecord? {
    try nextEntry()?.record
  }

  /// Every remaining record, in the order of the text.
  public mutating func parseAll() throws(PresentationError) -> [ResourceRecord] {
    var records: [ResourceRecord] = []
    while let record = try next() { records.append(record) }
    return records
  }

  /// One logical entry: a directive (nil) or a record.
  private mutating func parse(_ line: PresentationLine) throws(PresentationError) -> Entry? {
    var tokens = line.tokens[...]
    guard let first = tokens.first else { return nil }
    if first.isDirective {
      guard !line.startsWithBlank else {
        throw first.error("directive '\(first.string)' must start at the beginning of the line")
      }
      try apply(ZoneFileDirective(line.tokens))
      return nil
    }
    let owner: DomainName
    if line.startsWithBlank {
      guard let previousOwner else {
        throw first.error("entry starts with a blank, which repeats the previous owner name, but there is none")
      }
      owner = previousOwner
    } else {
      tokens.removeFirst()
      owner = try ZoneFileNames.name(first, what: "owner name", origin: origin)
    }
    let header = try ZoneFileRecordHeader(taking: &tokens, entryEnd: line.tokens[line.tokens.count - 1])
    let rrClass = try resolveClass(header)
    guard let ttl = header.ttl ?? defaultTTL ?? previousTTL else {
      throw first.error("no TTL is known for this record: give it one, or set $TTL before it")
    }
    let rdata = try parseRData(type: header.type, tokens: Array(tokens), after: header.typeToken)
    previousOwner = owner
    previousTTL = ttl
    let record = ResourceRecord(name: owner, rrClass: rrClass, ttl: ttl, rdata: rdata)
    return Entry(record: record, line: first.line, column: first.column)
  }

  private mutating func resolveClass(_ header: ZoneFileRecordHeader) throws(PresentationError) -> RRClass {
    let rrClass = header.rrClass ?? zoneClass ?? .internet
    if let zoneClass, rrClass != zoneClass, let token = header.classToken {
      throw token.error("class \(rrClass) differs from the class of the zone's first record, \(zoneClass)")
    }
    zoneClass = rrClass
    return rrClass
  }

  private func parseRData(
    type: RRType, tokens: [PresentationToken], after typeToken: PresentationToken
  ) throws(PresentationError) -> RData {
    let endColumn = typeToken.column + typeToken.text.count
    var fields = RDataFields(tokens: tokens, type: type, origin: origin, line: typeToken.line, column: endColumn)
    do {
      return try RData.parse(type: type, fields: &fields)
    } catch {
      // With no RDATA at all there is no token to point at: the data is missing at the end of the entry.
      guard tokens.isEmpty else { throw error }
      var located = error
      located.line = typeToken.line
      located.column = endColumn
      throw located
    }
  }

  private mutating func apply(_ directive: ZoneFileDirective) throws(PresentationError) {
    switch directive.kind {
    case .origin:
      origin = try ZoneFileNames.name(directive.argument, what: "origin", origin: origin)
    case .ttl:
      defaultTTL = try directive.argument.ttl()
    }
  }
}
