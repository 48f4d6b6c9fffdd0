/// Owner names and `$ORIGIN` arguments as a zone file writes them, completed with the current origin.
///
/// `DomainName` takes a relative name without an origin as absolute, as `dig` does; in a zone file that would
/// silently put records in the wrong place, so here it is an error that says what to do.
enum ZoneFileNames {
  static func name(
    _ token: PresentationToken, what: String, origin: DomainName?
  ) throws(PresentationError) -> DomainName {
    if origin == nil && !isAbsolute(token.text) {
      if token.text == [UInt8(ascii: "@")] {
        throw token.error("'@' stands for the origin, but no origin is set: use $ORIGIN first")
      }
      throw token.error("relative \(what) '\(token.string)' needs an origin: end it with '.' or use $ORIGIN first")
    }
    do {
      return try token.text.withUnsafeBufferPointer { buffer throws(DomainNameError) in
        try DomainName(presentation: buffer, origin: origin)
      }
    } catch {
      throw token.error("bad \(what) '\(token.string)': \(error)")
    }
  }

  /// True when the text ends in a dot that is not escaped (`a\\.` is absolute, `a\.` is not).
  static func isAbsolute(_ text: [UInt8]) -> Bool {
    guard text.last == UInt8(ascii: ".") else { return false }
    let backslashes = text.dropLast().reversed().prefix { $0 == UInt8(ascii: "\\") }.count
    return backslashes % 2 == 0
  }
}
