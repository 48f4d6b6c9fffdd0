import PetrelDNS

/// The words of a `REPLY` line: header bits, `DO`, an rcode or an opcode, each setting its part of an entry.
enum ReplyWords {
  static let flags: [String: MessageFlags] = [
    "QR": .qr, "AA": .aa, "TC": .tc, "RD": .rd, "RA": .ra, "AD": .ad, "CD": .cd,
  ]
  static let rcodes: [String: RCode] = [
    "NOERROR": .noError, "FORMERR": .formErr, "SERVFAIL": .servFail, "NXDOMAIN": .nxDomain, "NOTIMP": .notImp,
    "REFUSED": .refused, "YXDOMAIN": .yxDomain, "YXRRSET": .yxRRSet, "NXRRSET": .nxRRSet, "NOTAUTH": .notAuth,
    "NOTZONE": .notZone, "BADVERS": .badVers,
  ]
  static let opcodes: [String: Opcode] = [
    "QUERY": .query, "IQUERY": .iquery, "STATUS": .status, "NOTIFY": .notify, "UPDATE": .update,
  ]

  /// Applies `word` to `entry`; false when it is not a REPLY word.
  static func apply(_ word: String, to entry: inout ScenarioEntry) -> Bool {
    let upper = word.uppercased()
    if let flag = flags[upper] {
      entry.flags.insert(flag)
    } else if upper == "DO" {
      entry.dnssecOK = true
    } else if let rcode = rcodes[upper] {
      entry.rcode = rcode
    } else if let opcode = opcodes[upper] {
      entry.opcode = opcode
    } else {
      return false
    }
    return true
  }
}
