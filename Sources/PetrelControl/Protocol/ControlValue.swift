/// One structured field of a response or progress frame: a string or a number. Counts such as bytes and
/// records written travel as numbers, so scripts reading `--format json` output need not parse text.
public enum ControlValue: Hashable, Sendable, Codable, CustomStringConvertible {
  case string(String)
  case integer(Int64)
  /// A fractional number. JSON has no NaN or infinity: those are sent as the strings `nan`, `inf`, `-inf`.
  case number(Double)

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let integer = try? container.decode(Int64.self) {
      self = .integer(integer)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let text): try container.encode(text)
    case .integer(let integer): try container.encode(integer)
    case .number(let number) where number.isFinite: try container.encode(number)
    case .number(let number): try container.encode(number.isNaN ? "nan" : number > 0 ? "inf" : "-inf")
    }
  }

  /// The integer value, if this is an integer (or a string holding one).
  public var integerValue: Int64? {
    switch self {
    case .integer(let integer): integer
    case .string(let text): Int64(text)
    case .number(let number): Int64(exactly: number)
    }
  }

  public var description: String {
    switch self {
    case .string(let text): text
    case .integer(let integer): String(integer)
    case .number(let number): String(number)
    }
  }
}

extension ControlValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
}

extension ControlValue {
  /// An integer field from any binary integer (byte and record counts are usually `Int`).
  public static func count(_ value: some BinaryInteger) -> ControlValue { .integer(Int64(clamping: value)) }
}
