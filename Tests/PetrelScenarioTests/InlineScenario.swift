import PetrelDNS
import PetrelScenarioReplay

/// Scenario text written in the tests themselves, parsed as `test.rpl`.
enum InlineScenario {
  /// A root server at 193.0.14.129 that primes and refers `com.` to 1.2.3.4, which holds
  /// `www.example.com. A 10.20.30.40` (and denies the data of any other name in com.); `steps` follow.
  static func resolving(config: String = "", extraRanges: String = "", steps: String) -> String {
    """
    \(config)
    stub-addr: 193.0.14.129
    CONFIG_END

    SCENARIO_BEGIN inline test scenario
    RANGE_BEGIN 0 100
      ADDRESS 193.0.14.129
    ENTRY_BEGIN
    MATCH opcode qtype qname
    ADJUST copy_id
    REPLY QR AA NOERROR
    SECTION QUESTION
    . IN NS
    SECTION ANSWER
    . IN NS K.ROOT-SERVERS.NET.
    SECTION ADDITIONAL
    K.ROOT-SERVERS.NET. IN A 193.0.14.129
    ENTRY_END
    ENTRY_BEGIN
    MATCH opcode subdomain
    ADJUST copy_id copy_query
    REPLY QR NOERROR
    SECTION QUESTION
    com. IN A
    SECTION AUTHORITY
    com. IN NS ns.example.com.
    SECTION ADDITIONAL
    ns.example.com. IN A 1.2.3.4
    ENTRY_END
    RANGE_END

    RANGE_BEGIN 0 100
      ADDRESS 1.2.3.4
    ENTRY_BEGIN
    MATCH opcode qtype qname
    ADJUST copy_id
    REPLY QR AA NOERROR
    SECTION QUESTION
    www.example.com. IN A
    SECTION ANSWER
    www.example.com. IN A 10.20.30.40
    ENTRY_END
    ENTRY_BEGIN
    MATCH opcode subdomain
    ADJUST copy_id copy_query
    REPLY QR AA NOERROR
    SECTION QUESTION
    com. IN A
    SECTION AUTHORITY
    com. IN SOA ns.example.com. hostmaster.example.com. 1 2 3 4 300
    ENTRY_END
    RANGE_END
    \(extraRanges)
    \(steps)
    SCENARIO_END
    """
  }

  static let queryAndCheck = """
    STEP 1 QUERY
    ENTRY_BEGIN
    REPLY RD
    SECTION QUESTION
    www.example.com. IN A
    ENTRY_END

    STEP 10 CHECK_ANSWER
    ENTRY_BEGIN
    MATCH all
    REPLY QR RD RA NOERROR
    SECTION QUESTION
    www.example.com. IN A
    SECTION ANSWER
    www.example.com. IN A 10.20.30.40
    ENTRY_END
    """

  static func parse(_ text: String) throws -> Scenario {
    try ScenarioParser.parse(text, fileName: "test.rpl")
  }
}

func name(_ text: String) -> DomainName { try! DomainName(text) }
