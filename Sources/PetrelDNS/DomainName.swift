/// A domain name, stored in its uncompressed wire form.
///
/// Names are compared and hashed ignoring ASCII case (RFC 4343) but keep the spelling they were created with,
/// so a resolver can answer with the client's own spelling of the question. The 63-octet label limit and the
/// 255-octet name limit are enforced by every initializer: a `DomainName` value is always valid.
public struct DomainName: Sendable {
  /// Length-prefixed labels, ending with the root label (a single zero octet).
  public let wire: [UInt8]

  /// The root name, `.`.
  public static let root = DomainName(validatedWire: [0])

  /// The longest name, in wire octets, that DNS allows (RFC 1035 §2.3.4).
  public static let maximumWireLength = 255
  /// The longest label, in octets, that DNS allows (RFC 1035 §2.3.4).
  public static let maximumLabelLength = 63

  init(validatedWire: [UInt8]) {
    self.wire = validatedWire
  }

  /// Builds a name from its labels, most specific first; the root label is added.
  public init<Labels: Sequence>(labels: Labels) throws(DomainNameError) where Labels.Element: Collection<UInt8> {
    var wire: [UInt8] = []
    wire.reserveCapacity(32)
    for label in labels {
      guard !label.isEmpty else { throw .emptyLabel }
      guard label.count <= Self.maximumLabelLength else { throw .labelTooLong(label.count) }
      wire.append(UInt8(label.count))
      wire.append(contentsOf: label)
      guard wire.count < Self.maximumWireLength else { throw .nameTooLong }
    }
    wire.append(0)
    self.wire = wire
  }

  /// Parses the presentation form (`www.example.com.`, with `\.` and `\DDD` escapes).
  ///
  /// A name that does not end in an unescaped dot is relative and is completed with `origin`; without an origin
  /// it is taken as absolute, as `dig` does. `@` alone stands for the origin.
  public init(_ text: String, origin: DomainName? = nil) throws(DomainNameError) {
    var utf8 = Array(text.utf8)
    self = try utf8.withUnsafeMutableBufferPointer { buffer throws(DomainNameError) in
      try DomainName(presentation: UnsafeBufferPointer(buffer), origin: origin)
    }
  }

  /// Parses presentation-form octets; see `init(_:origin:)`.
  public init(presentation text: UnsafeBufferPointer<UInt8>, origin: DomainName?) throws(DomainNameError) {
    if text.isEmpty { throw .emptyLabel }
    if text.count == 1 && text[0] == UInt8(ascii: "@") {
      guard let origin else { throw .noOrigin }
      self = origin
      return
    }
    if text.count == 1 && text[0] == UInt8(ascii: ".") {
      self = .root
      return
    }
    var wire: [UInt8] = [0]
    wire.reserveCapacity(text.count + 2)
    var labelStart = 0
    var index = 0
    var absolute = false
    while index < text.count {
      let byte = text[index]
      if byte == UInt8(ascii: ".") {
        let length = wire.count - labelStart - 1
        guard length > 0 else { throw .emptyLabel }
        guard length <= Self.maximumLabelLength else { throw .labelTooLong(length) }
        wire[labelStart] = UInt8(length)
        index += 1
        if index == text.count {
          absolute = true
        } else {
          labelStart = wire.count
          wire.append(0)
        }
        continue
      }
      if byte == UInt8(ascii: "\\") {
        index += 1
        guard index < text.count else { throw .badEscape }
        let next = text[index]
        if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") {
          guard index + 2 < text.count else { throw .badEscape }
          var value = 0
          for digit in text[index...(index + 2)] {
            guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else { throw .badEscape }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
          }
          guard value <= 255 else { throw .badEscape }
          wire.append(UInt8(value))
          index += 3
        } else {
          wire.append(next)
          index += 1
        }
      } else {
        wire.append(byte)
        index += 1
      }
      guard wire.count <= Self.maximumWireLength else { throw .nameTooLong }
    }
    if !absolute {
      let length = wire.count - labelStart - 1
      guard length > 0 else { throw .emptyLabel }
      guard length <= Self.maximumLabelLength else { throw .labelTooLong(length) }
      wire[labelStart] = UInt8(length)
      if let origin {
        wire.append(contentsOf: origin.wire)
      } else {
        wire.append(0)
      }
    } else {
      wire.append(0)
    }
    guard wire.count <= Self.maximumWireLength else { throw .nameTooLong }
    self.wire = wire
  }

  /// True for `.`.
  public var isRoot: Bool { wire.count == 1 }

  /// The number of labels, not counting the root label (`www.example.com.` has 3).
  public var labelCount: Int {
    var count = 0
    var offset = 0
    while wire[offset] != 0 {
      count += 1
      offset += Int(wire[offset]) + 1
    }
    return count
  }

  /// The labels, most specific first, without the root label.
  public var labels: [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var offset = 0
    while wire[offset] != 0 {
      let length = Int(wire[offset])
      result.append(wire[(offset + 1)..<(offset + 1 + length)])
      offset += length + 1
    }
    return result
  }

  /// The first (leftmost) label, or nil for the root.
  public var firstLabel: ArraySlice<UInt8>? {
    isRoot ? nil : wire[1..<(1 + Int(wire[0]))]
  }

  /// The name one label up, or nil for the root.
  public var parent: DomainName? {
    isRoot ? nil : DomainName(validatedWire: Array(wire[(Int(wire[0]) + 1)...]))
  }

  /// Every ancestor from the parent up to and including the root.
  public var ancestors: [DomainName] {
    var result: [DomainName] = []
    var current = self
    while let up = current.parent {
      result.append(up)
      current = up
    }
    return result
  }

  /// The ancestor (or self) that keeps only the last `count` labels.
  public func suffix(labelCount count: Int) -> DomainName {
    let drop = labelCount - count
    guard drop > 0 else { return self }
    var offset = 0
    for _ in 0..<drop { offset += Int(wire[offset]) + 1 }
    return DomainName(validatedWire: Array(wire[offset...]))
  }

  /// True when `self` equals `other` or lies below it.
  public func isSubdomain(of other: DomainName) -> Bool {
    let difference = wire.count - other.wire.count
    guard difference >= 0 else { return false }
    // The suffix must begin on a label boundary.
    var offset = 0
    while offset < difference {
      offset += Int(wire[offset]) + 1
    }
    guard offset == difference else { return false }
    return Self.equalFoldingCase(wire[offset...], other.wire[...])
  }

  /// The name with `label` put in front of it.
  public func prepending<Label: Collection<UInt8>>(label: Label) throws(DomainNameError) -> DomainName {
    guard !label.isEmpty else { throw .emptyLabel }
    guard label.count <= Self.maximumLabelLength else { throw .labelTooLong(label.count) }
    guard wire.count + label.count + 1 <= Self.maximumWireLength else { throw .nameTooLong }
    var newWire: [UInt8] = [UInt8(label.count)]
    newWire.reserveCapacity(wire.count + label.count + 1)
    newWire.append(contentsOf: label)
    newWire.append(contentsOf: wire)
    return DomainName(validatedWire: newWire)
  }

  /// `self` followed by `suffix`: the relative name `self` (root label dropped) made absolute in `suffix`.
  public func appending(_ suffix: DomainName) throws(DomainNameError) -> DomainName {
    guard wire.count - 1 + suffix.wire.count <= Self.maximumWireLength else { throw .nameTooLong }
    return DomainName(validatedWire: Array(wire.dropLast()) + suffix.wire)
  }

  /// The wildcard name `*.<self>`.
  public var wildcard: DomainName? { try? prepending(label: [UInt8(ascii: "*")]) }

  /// True when the first label is `*`.
  public var isWildcard: Bool { wire.count >= 2 && wire[0] == 1 && wire[1] == UInt8(ascii: "*") }

  /// The same name with ASCII letters lowered, as DNSSEC's canonical form wants it.
  public func lowercased() -> DomainName {
    DomainName(validatedWire: wire.map(Self.lowerASCII))
  }

  /// The number of labels, counted from the root, that `self` and `other` share.
  public func commonSuffixLabelCount(with other: DomainName) -> Int {
    let mine = labels
    let theirs = other.labels
    var shared = 0
    while shared < mine.count && shared < theirs.count {
      let left = mine[mine.count - 1 - shared]
      let right = theirs[theirs.count - 1 - shared]
      guard Self.equalFoldingCase(left, right) else { break }
      shared += 1
    }
    return shared
  }

  @inline(__always)
  static func lowerASCII(_ byte: UInt8) -> UInt8 {
    (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
  }

  static func equalFoldingCase(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> Bool {
    left.withUnsafeBufferPointer { l in
      right.withUnsafeBufferPointer { r in CaseFolding.equal(l, r) }
    }
  }
}

extension DomainName: Hashable {
  public static func == (left: DomainName, right: DomainName) -> Bool {
    left.wire.withUnsafeBufferPointer { l in
      right.wire.withUnsafeBufferPointer { r in CaseFolding.equal(l, r) }
    }
  }

  public func hash(into hasher: inout Hasher) {
    wire.withUnsafeBufferPointer { CaseFolding.hash($0, into: &hasher) }
  }
}

extension DomainName: Comparable {
  /// Canonical DNS name order (RFC 4034 §6.1): compare label by label from the root, each label as lowercase
  /// octets, a missing label sorting first.
  public static func < (left: DomainName, right: DomainName) -> Bool {
    let leftLabels = left.labels
    let rightLabels = right.labels
    var l = leftLabels.count - 1
    var r = rightLabels.count - 1
    while l >= 0 && r >= 0 {
      let a = leftLabels[l]
      let b = rightLabels[r]
      var i = a.startIndex
      var j = b.startIndex
      while i < a.endIndex && j < b.endIndex {
        let x = lowerASCII(a[i])
        let y = lowerASCII(b[j])
        if x != y { return x < y }
        i += 1
        j += 1
      }
      if a.count != b.count { return a.count < b.count }
      l -= 1
      r -= 1
    }
    return l < r
  }
}

extension DomainName: CustomStringConvertible {
  /// The presentation form, always absolute, with `dig`'s escapes.
  public var description: String {
    if isRoot { return "." }
    var out: [UInt8] = []
    out.reserveCapacity(wire.count + 8)
    var offset = 0
    while wire[offset] != 0 {
      let length = Int(wire[offset])
      for byte in wire[(offset + 1)...(offset + length)] {
        Self.appendEscaped(byte, to: &out)
      }
      out.append(UInt8(ascii: "."))
      offset += length + 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "\""), UInt8(ascii: "@"), UInt8(ascii: "$"):
      out.append(UInt8(ascii: "\\"))
      out.append(byte)
    case 0x21...0x7E:
      out.append(byte)
    default:
      PresentationText.appendDecimalEscape(byte, to: &out)
    }
  }
}

/// Why a domain name could not be built.
public enum DomainNameError: Error, Sendable, Equatable, CustomStringConvertible {
  case emptyLabel
  case labelTooLong(Int)
  case nameTooLong
  case badEscape
  case noOrigin

  public var description: String {
    switch self {
    case .emptyLabel: "empty label"
    case .labelTooLong(let length): "label of \(length) octets (at most 63)"
    case .nameTooLong: "name longer than 255 octets"
    case .badEscape: "bad escape sequence"
    case .noOrigin: "'@' used with no origin"
    }
  }
}
