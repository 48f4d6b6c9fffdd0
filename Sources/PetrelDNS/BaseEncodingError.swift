/// Why base64 or base32hex text could not be decoded.
///
/// Keys, signatures and hashed owner names arrive as text from zone files and trust-anchor files; a typed reason
/// (with the position of the offending character) lets the presentation parser point at the exact mistake.
public enum BaseEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A character outside the alphabet, or padding in the wrong place, at this index of the input.
  case invalidCharacter(index: Int)
  /// The number of characters cannot encode a whole number of octets.
  case invalidLength(Int)
  /// The unused low bits of the last character are not zero, so the text is not the canonical encoding.
  case nonZeroTrailingBits

  public var description: String {
    switch self {
    case .invalidCharacter(let index): "invalid character at position \(index + 1)"
    case .invalidLength(let length): "\(length) characters do not encode whole octets"
    case .nonZeroTrailingBits: "the last character has non-zero unused bits"
    }
  }
}
