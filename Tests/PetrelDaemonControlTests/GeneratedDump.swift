/// Cache dumps made up by the tests, in the text form `dump-cache` writes, for `load-cache` to fill a cache.
enum GeneratedDump {
  /// `count` A records `hN.bulk.test.`, one RRset each, as an authoritative answer from 192.0.2.53.
  static func addresses(_ count: Int, ttl: Int = 3600) -> String {
    var text = "; records: \(count) RRsets\n"
    text.reserveCapacity(count * 110)
    for index in 0..<count {
      text += "h\(index).bulk.test.\t\(ttl)\tIN\tA\t10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)"
      text += " ; original-ttl=\(ttl) source=192.0.2.53:53 credibility=authoritative-answer\n"
    }
    return text
  }

  /// A little of everything: several types, a two-record set, a TXT whose text looks like a cache comment,
  /// an IPv6 source, data without a source, and both kinds of denial.
  static let mixed = """
    ; records
    mixed.test.\t3000\tIN\tMX\t10 mail.mixed.test. ; original-ttl=3600 source=192.0.2.53:53 credibility=authoritative-answer
    mail.mixed.test.\t3000\tIN\tA\t192.0.2.25 ; original-ttl=3600 source=[2001:db8::53]:53 credibility=additional
    mail.mixed.test.\t3000\tIN\tA\t192.0.2.26 ; original-ttl=3600 source=[2001:db8::53]:53 credibility=additional
    mail.mixed.test.\t3000\tIN\tAAAA\t2001:db8::25 ; original-ttl=3600 source=none credibility=non-authoritative-answer
    txt.mixed.test.\t3000\tIN\tTXT\t"a ; original-ttl=1 source=none credibility=hint" ; original-ttl=3600 source=192.0.2.53:53 credibility=authoritative-answer
    ; negative
    mixed.test.\t200\tIN\tSOA\tns.mixed.test. hostmaster.mixed.test. 1 3600 900 604800 300 ; negative=NXDOMAIN name=gone.mixed.test. source=192.0.2.53:53
    mixed.test.\t200\tIN\tSOA\tns.mixed.test. hostmaster.mixed.test. 1 3600 900 604800 300 ; negative=NODATA name=mail.mixed.test. type=MX source=192.0.2.53:53

    """
}
