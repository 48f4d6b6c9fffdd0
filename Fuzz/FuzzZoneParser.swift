// libFuzzer entry point for the zone-file parser, compiled together with the PetrelDNS sources by Fuzz/run.
// Any text must give records or a PresentationError; records that parse must print and parse back equal.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZoneParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  var parser = ZoneFileParser(text: text, origin: try? DomainName("fuzz.test."), defaultTTL: 300)
  guard let records = try? parser.parseAll() else { return 0 }
  let printed = records.map(\.presentation).joined(separator: "\n")
  var again = ZoneFileParser(text: printed, origin: nil, defaultTTL: 300)
  do {
    let reparsed = try again.parseAll()
    precondition(reparsed == records, "print → parse changed the records:\n\(printed)")
  } catch {
    preconditionFailure("printed records do not parse: \(error)\n\(printed)")
  }
  return 0
}
