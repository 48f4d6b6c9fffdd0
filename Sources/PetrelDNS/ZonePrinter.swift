/// Writes records as zone-file text, one record per line, that `ZoneFileParser` (and BIND or ldns) reads back.
///
/// Cache dumps and the control client's output are read both by operators and by tools; one printer keeps
/// them in `dig`'s familiar form and makes sure that what Petrel prints, Petrel can parse.
public struct ZonePrinter: Sendable {
  /// How owner names are written.
  public enum Style: Sendable, Equatable {
    /// Every line self-contained, exactly as `ResourceRecord.presentation` (and `dig`) writes it: absolute
    /// owner, TTL, class, type and data, separated by tabs; no directives.
    case absolute
    /// A `$ORIGIN` line first; owners at or below the origin written relative to it (`@` for the origin
    /// itself), other owners absolute, and an owner that repeats the previous line's left blank. RDATA names
    /// stay absolute, which is valid under any origin.
    case relative(origin: DomainName)
  }

  public var style: Style

  public init(style: Style = .absolute) {
    self.style = style
  }

  /// The records in the order given, each line ending in a newline.
  public func text<Records: Sequence<ResourceRecord>>(_ records: Records) -> String {
    var out = ""
    var previousOwner: DomainName?
    if case .relative(let origin) = style { out += "$ORIGIN \(origin)\n" }
    for record in records {
      switch style {
      case .absolute:
        out += record.presentation
      case .relative(let origin):
        if record.name != previousOwner { out += Self.owner(record.name, relativeTo: origin) }
        out += "\t\(record.ttl)\t\(record.rrClass)\t\(record.type)\t\(record.rdata.presentation)"
      }
      out += "\n"
      previousOwner = record.name
    }
    return out
  }

  /// The RRsets in canonical order (see `canonicalOrder`), each set's records in its own order.
  public func text(canonicallyOrdered sets: [RRSet]) -> String {
    text(Self.canonicalOrder(sets).lazy.flatMap(\.records))
  }

  /// Sorts RRsets by owner in DNSSEC's canonical name order (RFC 4034 §6.1), then by type, then by class;
  /// sets that tie keep their relative order, so a dump of the same data is always the same text.
  public static func canonicalOrder(_ sets: [RRSet]) -> [RRSet] {
    sets.enumerated().sorted { left, right in
      let (a, b) = (left.element, right.element)
      if a.name != b.name { return a.name < b.name }
      if a.type != b.type { return a.type < b.type }
      if a.rrClass != b.rrClass { return a.rrClass.rawValue < b.rrClass.rawValue }
      return left.offset < right.offset
    }.map(\.element)
  }

  /// `name` relative to `origin` when it lies at or below it, else absolute.
  static func owner(_ name: DomainName, relativeTo origin: DomainName) -> String {
    guard name.isSubdomain(of: origin) else { return name.description }
    let relativeLabels = name.labels.prefix(name.labelCount - origin.labelCount)
    guard !relativeLabels.isEmpty else { return "@" }
    var out: [UInt8] = []
    for (index, label) in relativeLabels.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ".")) }
      for byte in label { DomainName.appendEscaped(byte, to: &out) }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
