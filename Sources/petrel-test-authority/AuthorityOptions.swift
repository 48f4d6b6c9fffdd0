import PetrelDNS

/// The command line of `petrel-test-authority`, parsed by hand: a handful of switches, no dependency needed.
struct AuthorityOptions: Sendable {
  /// Zone origins and the files holding their data, in the order given.
  var zoneFiles: [(origin: DomainName, path: String)] = []
  var listenAddresses: [ListenAddress] = []
  var misbehaviour = Misbehaviour()
  var logPath: String?

  static let usage = """
    usage: petrel-test-authority --zone ORIGIN=FILE... [--listen ADDR[:PORT]]... [--log FILE]
           [--truncate-udp] [--refuse] [--servfail] [--drop] [--no-aa] [--lame]
           [--inject-additional "RECORD"]... [--inject-authority "RECORD"]...
    Serves the zones over UDP and TCP (default --listen 127.0.0.1:53) and misbehaves as told.
    """

  init(arguments: [String]) throws(AuthorityError) {
    var remaining = arguments[...]
    func value(for option: String) throws(AuthorityError) -> String {
      guard let next = remaining.popFirst() else { throw .usage("\(option) needs a value\n\(Self.usage)") }
      return next
    }
    while let argument = remaining.popFirst() {
      switch argument {
      case "--zone": zoneFiles.append(try Self.zoneFile(try value(for: argument)))
      case "--listen": listenAddresses.append(try ListenAddress(parsing: try value(for: argument)))
      case "--log": logPath = try value(for: argument)
      case "--truncate-udp": misbehaviour.truncateUDP = true
      case "--refuse": misbehaviour.refuse = true
      case "--servfail": misbehaviour.serverFailure = true
      case "--drop": misbehaviour.drop = true
      case "--no-aa": misbehaviour.clearAuthoritative = true
      case "--lame": misbehaviour.lame = true
      case "--inject-additional": misbehaviour.injectedAdditionals += try Self.records(try value(for: argument))
      case "--inject-authority": misbehaviour.injectedAuthorities += try Self.records(try value(for: argument))
      case "--help", "-h": throw .usage(Self.usage)
      default: throw .usage("unknown argument \(argument)\n\(Self.usage)")
      }
    }
    if zoneFiles.isEmpty { throw .usage("at least one --zone ORIGIN=FILE is needed\n\(Self.usage)") }
    if listenAddresses.isEmpty { listenAddresses = [ListenAddress(host: "127.0.0.1")] }
  }

  private static func zoneFile(_ text: String) throws(AuthorityError) -> (origin: DomainName, path: String) {
    guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
      throw .usage("--zone wants ORIGIN=FILE, not \(text)")
    }
    let path = String(text[text.index(after: equals)...])
    guard !path.isEmpty else { throw .usage("--zone \(text) names no file") }
    do {
      return (try DomainName(String(text[..<equals])), path)
    } catch {
      throw .usage("--zone \(text): bad origin: \(error)")
    }
  }

  /// Records in zone-file syntax with absolute owners; a missing TTL means 300 seconds.
  private static func records(_ text: String) throws(AuthorityError) -> [ResourceRecord] {
    var parser = ZoneFileParser(text: text, defaultTTL: 300)
    do {
      let records = try parser.parseAll()
      guard !records.isEmpty else { throw AuthorityError.usage("no record in \"\(text)\"") }
      return records
    } catch let error as AuthorityError {
      throw error
    } catch {
      throw .usage("bad record \"\(text)\": \(error)")
    }
  }
}
