import Foundation
import PetrelServer
import Testing

@Suite struct ConfigurationErrorTests {
  @Test func anUnknownKeyIsRefusedWithTheClosestKnownOne() throws {
    let error = try #require(
      configurationError(
        """
        server:
          threads: 2
        resolver:
          max-tll: 1d
        """))
    #expect(error.file == "petrel.yml")
    #expect(error.line == 4)
    #expect(error.column == 3)
    #expect(error.key == "resolver.max-tll")
    #expect(error.message == "unknown key 'max-tll' in 'resolver'; did you mean 'max-ttl'?")
    #expect(error.description == "petrel.yml:4:3: resolver.max-tll: \(error.message)")
  }

  @Test(arguments: [
    ("resolver:\n  qname-minimization: true\n", "resolver.qname-minimization", "did you mean 'qname-minimisation'?"),
    ("resolver:\n  max_ttl: 60\n", "resolver.max_ttl", "did you mean 'max-ttl'?"),
    ("server:\n  max-ttl: 60\n", "server.max-ttl", "'max-ttl' belongs under 'resolver'"),
    ("listen: [127.0.0.1]\n", "listen", "'listen' belongs under 'server'"),
    ("server:\n  user: petrel\n", "server.user", "'user' belongs under 'privileges'"),
    ("local-zone: []\n", "local-zone", "did you mean 'local-zones'?"),
  ])
  func unknownKeysGetAHint(yaml: String, key: String, hint: String) throws {
    let error = try #require(configurationError(yaml))
    #expect(error.key == key)
    #expect(error.message.hasSuffix(hint), "\(error)")
  }

  @Test func anUnknownKeyFarFromEveryKnownOneGetsNoGuess() throws {
    let error = try #require(configurationError("resolver:\n  colour: blue\n"))
    #expect(error.message == "unknown key 'colour' in 'resolver'")
    #expect(error.line == 2)
  }

  @Test(
    arguments: [
      ("server:\n  max-tcp-clients: four\n", "server.max-tcp-clients", 2, "expected an integer, found 'four'"),
      ("server:\n  threads: \"4\"\n", "server.threads", 2, "expected an integer, found quoted text '4'"),
      ("server:\n  threads: many\n", "server.threads", 2, "expected a number of threads or auto, found 'many'"),
      ("local-zones:\n", "local-zones", 1, "expected a list, found nothing"),
      ("server:\n  listen: 127.0.0.1:53\n", "server.listen", 2, "expected a list, found '127.0.0.1:53'"),
      ("resolver:\n  harden-glue: maybe\n", "resolver.harden-glue", 2, "expected true or false, found 'maybe'"),
      ("resolver:\n  do-ipv6: [true]\n", "resolver.do-ipv6", 2, "expected true or false, found a list"),
      ("resolver:\n  max-ttl:\n", "resolver.max-ttl", 2, "found nothing"),
      ("server: [listen]\n", "server", 1, "'server' must be a mapping of keys"),
      ("just text\n", nil, 1, "the configuration must be a mapping of keys"),
      ("local-zones:\n  - home.test\n", "local-zones[0]", 2, "'local-zones[0]' must be a mapping of keys (zone, file)"),
      ("resolver:\n  forward-zones: [192.0.2.1]\n", "resolver.forward-zones", 2, "expected a mapping of zone names"),
      ("resolver:\n  max-ttl: 1x\n", "resolver.max-ttl", 2, "TTL '1x' has unknown unit 'x'"),
    ] as [(String, String?, Int, String)])
  func aValueOfTheWrongTypeIsRefused(yaml: String, key: String?, line: Int, message: String) throws {
    let error = try #require(configurationError(yaml))
    #expect(error.key == key)
    #expect(error.line == line)
    #expect(error.message.contains(message), "\(error)")
  }

  @Test(arguments: [
    (
      "resolver:\n  edns-buffer-size: 8192\n", "resolver.edns-buffer-size",
      "8192 is out of range: must be 512 to 4096 octets"
    ),
    ("resolver:\n  edns-buffer-size: 511\n", "resolver.edns-buffer-size", "511 is out of range"),
    ("server:\n  threads: 0\n", "server.threads", "0 is out of range: must be 1 to 1024"),
    ("server:\n  threads: -3\n", "server.threads", "-3 is out of range"),
    ("resolver:\n  upstream-timeout: 99999999999999999999\n", "resolver.upstream-timeout", "is out of range"),
    ("resolver:\n  max-ttl: 0\n", "resolver.max-ttl", "0 is out of range: must be 1s to"),
    ("resolver:\n  max-resolution-time: 1h\n", "resolver.max-resolution-time", "1h is out of range: must be 1s to 5m"),
    ("server:\n  tcp-idle-timeout: 0s\n", "server.tcp-idle-timeout", "0s is out of range"),
    ("resolver:\n  record-cache-size: 0\n", "resolver.record-cache-size", "0 is out of range: must be 1 to"),
    ("server:\n  log-level: verbose\n", "server.log-level", "unknown log level 'verbose'"),
    ("server:\n  log-level: warn\n", "server.log-level", "(did you mean 'warning'?)"),
    (
      "privileges:\n  sandbox: [landlok]\n", "privileges.sandbox[0]",
      "unknown sandbox 'landlok' (did you mean 'landlock'?)"
    ),
    ("server:\n  runtime-directory: run/petrel\n", "server.runtime-directory", "must be an absolute path"),
    ("privileges:\n  user: \"pet rel\"\n", "privileges.user", "may not hold spaces"),
    ("server:\n  allow-from: []\n", "server.allow-from", "an empty list refuses every client"),
    ("server:\n  listen: []\n", "server.listen", "give at least one address"),
  ])
  func aValueOutOfRangeIsRefused(yaml: String, key: String, message: String) throws {
    let error = try #require(configurationError(yaml))
    #expect(error.key == key)
    #expect(error.line == 2)
    #expect(error.message.contains(message), "\(error)")
  }

  @Test func minimumTTLAboveMaximumIsRefused() throws {
    let error = try #require(configurationError("resolver:\n  max-ttl: 1h\n  min-ttl: 2h\n"))
    #expect(error.key == "resolver.min-ttl")
    #expect(error.line == 3)
    #expect(error.message == "min-ttl (7200) exceeds max-ttl (3600)")
  }

  @Test(arguments: [
    (
      "server:\n  listen:\n    - 127.0.0.1:53\n    - 300.1.1.1:53\n", "server.listen[1]", 4,
      "'300.1.1.1:53' is not an address"
    ),
    ("server:\n  listen:\n    - 127.0.0.1:99999\n", "server.listen[0]", 3, "is not an address"),
    ("server:\n  listen:\n    - [127.0.0.1]\n", "server.listen[0]", 3, "expected an address, found a list"),
    ("server:\n  listen: [127.0.0.1, 127.0.0.1:53]\n", "server.listen[1]", 2, "127.0.0.1:53 is listed twice"),
    (
      "resolver:\n  forward-zones:\n    corp.test: [192.0.2.1:0]\n", "resolver.forward-zones[corp.test][0]", 3,
      "is not a server address"
    ),
    (
      "resolver:\n  forward-zones:\n    corp.test: [ns.corp.test]\n", "resolver.forward-zones[corp.test][0]", 3,
      "'ns.corp.test' is not a server address"
    ),
    (
      "resolver:\n  forward-zones:\n    corp.test: []\n", "resolver.forward-zones[corp.test]", 3,
      "give at least one server"
    ),
    (
      "resolver:\n  forward-zones:\n    a..b: [192.0.2.1]\n", "resolver.forward-zones[a..b]", 3,
      "is not a domain name: empty label"
    ),
    (
      "resolver:\n  forward-zones:\n    corp.test: [192.0.2.1]\n    CORP.TEST.: [192.0.2.2]\n",
      "resolver.forward-zones[CORP.TEST.]", 4, "given more than once"
    ),
    (
      "resolver:\n  root-hint: {name: a.root.lab, address: 10.0.0.300}\n", "resolver.root-hint.address", 2,
      "'10.0.0.300' is not an IPv4 or IPv6 address"
    ),
    ("resolver:\n  root-hint: {name: a.root.lab}\n", "resolver.root-hint", 2, "'address' is missing"),
  ])
  func aBadAddressIsRefused(yaml: String, key: String, line: Int, message: String) throws {
    let error = try #require(configurationError(yaml))
    #expect(error.key == key)
    #expect(error.line == line)
    #expect(error.message.contains(message), "\(error)")
  }

  @Test(arguments: [
    ("server:\n  allow-from: [10.0.0.0/33]\n", "server.allow-from[0]"),
    ("server:\n  allow-from: [10.0.0/8]\n", "server.allow-from[0]"),
    ("resolver:\n  dont-query:\n    - fe80::/10\n    - fe80::/129\n", "resolver.dont-query[1]"),
    ("resolver:\n  dont-query: [localhost]\n", "resolver.dont-query[0]"),
    ("resolver:\n  dont-query: [10.0.0.0/]\n", "resolver.dont-query[0]"),
  ])
  func aBadNetworkIsRefused(yaml: String, key: String) throws {
    let error = try #require(configurationError(yaml))
    #expect(error.key == key)
    #expect(error.line == yaml.split(separator: "\n").count)
    #expect(error.message.contains("is not a network"), "\(error)")
  }

  @Test func aDuplicateKeyIsRefusedWithItsPathAndBothLines() throws {
    let error = try #require(
      configurationError(
        """
        server:
          threads: 2
        resolver:
          max-ttl: 1d
          harden-glue: true
          max-ttl: 2d
        """))
    #expect(error.key == "resolver.max-ttl")
    #expect(error.line == 6)
    #expect(error.column == 3)
    #expect(error.message == "'max-ttl' is given more than once (first at line 4); give each key once")

    let topLevel = try #require(configurationError("server: {}\nresolver: {}\nserver: {}\n"))
    #expect(topLevel.key == "server")
    #expect(topLevel.line == 3)

    let inList = try #require(
      configurationError(
        "local-zones:\n  - zone: a.test\n    file: a.zone\n  - zone: b.test\n    file: b.zone\n    \"zone\": c.test\n"))
    #expect(inList.key == "local-zones[1].zone")
    #expect(inList.line == 6)
  }

  @Test func aYAMLSyntaxErrorPointsAtItsPlace() throws {
    let error = try #require(configurationError("server:\n  listen: [127.0.0.1\nresolver:\n  max-ttl: 1d\n"))
    #expect(error.key == nil)
    #expect(error.file == "petrel.yml")
    #expect(error.line != nil)
    #expect(error.message.hasPrefix("YAML syntax error: "))

    let unquoted = try #require(configurationError("server:\n  listen:\n    - [::1]:53\n"))
    #expect(unquoted.line == 3)
    #expect(unquoted.message.hasSuffix("as \"[::1]:53\" or \"::1\""), "\(unquoted)")
    let inFlow = try #require(configurationError("server:\n  allow-from: [127.0.0.1, ::1]\n"))
    #expect(inFlow.line == 2)
    #expect(inFlow.message.hasSuffix("as \"[::1]:53\" or \"::1\""), "\(inFlow)")

    let tabs = try #require(configurationError("server:\n\tthreads: 2\n"))
    #expect(tabs.line == 2)
    #expect(tabs.message.hasPrefix("YAML syntax error: "))
  }

  @Test func anUnreadableFileIsRefusedInTheSystemsWords() throws {
    let scratch = try ScratchDirectory()
    let missing = scratch.path + "/absent.yml"
    do {
      _ = try ServerConfiguration.load(fromFile: missing)
      Issue.record("a missing file was accepted")
    } catch {
      #expect(error.file == missing)
      #expect(error.line == nil)
      #expect(error.message == "cannot open \(missing): No such file or directory")
    }
    do {
      _ = try ServerConfiguration.load(fromFile: scratch.path)
      Issue.record("a directory was accepted")
    } catch {
      #expect(error.message == "\(scratch.path) is not a regular file")
    }
    let binary = scratch.path + "/binary.yml"
    #expect(FileManager.default.createFile(atPath: binary, contents: Data([0x73, 0x3A, 0xFF, 0xFE])))
    do {
      _ = try ServerConfiguration.load(fromFile: binary)
      Issue.record("a file that is not UTF-8 was accepted")
    } catch {
      #expect(error.message == "\(binary) is not UTF-8 text")
    }
  }

  @Test func theDescriptionLeavesOutWhatIsNotKnown() {
    #expect(ConfigurationError(message: "m").description == "m")
    #expect(ConfigurationError(line: 3, key: "k", message: "m").description == "line 3: k: m")
    #expect(ConfigurationError(file: "f", line: 3, column: 4, message: "m").description == "f:3:4: m")
    #expect(ConfigurationError(file: "f", key: "k", message: "m").description == "f: k: m")
  }
}
