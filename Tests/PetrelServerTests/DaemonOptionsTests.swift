import Glibc
import PetrelDNS
import PetrelServer
import Testing

@Suite("petreld options over the configuration file")
struct DaemonOptionsTests {
  /// Writes `text` to a fresh file in the temporary directory and returns its path.
  private func temporaryFile(_ text: String) throws -> String {
    var template = Array("/tmp/petrel-options-XXXXXX.yml".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemps($0, 4) } ?? -1
    }
    guard descriptor >= 0 else { throw ClientError(description: "mkstemps failed") }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  @Test("Flags replace the file's lists and values")
  func flagsOverrideFile() throws {
    let path = try temporaryFile(
      """
      server:
        listen: ["127.0.0.1:53"]
        allow-from: [10.0.0.0/8]
        threads: 4
        log-level: warning
      resolver:
        qname-minimisation: true
      """)
    defer { unlink(path) }
    var options = DaemonOptions()
    options.configurationFile = path
    #expect(try options.configuration().threads == 4)
    options.listen = ["127.0.0.1:5300", "[::1]:5300"]
    options.allowFrom = ["192.0.2.0/24"]
    options.threads = 1
    options.logLevel = "debug"
    options.noQNameMinimisation = true
    let configuration = try options.configuration()
    #expect(
      configuration.listen == [ListenAddress(host: "127.0.0.1", port: 5300), ListenAddress(host: "::1", port: 5300)])
    #expect(configuration.allowFrom == [IPNetwork("192.0.2.0/24")!])
    #expect(configuration.threads == 1)
    #expect(configuration.logLevel == "debug")
    #expect(!configuration.resolver.qnameMinimisation)
  }

  @Test("--dont-query none empties the list; networks replace it")
  func dontQuery() throws {
    var options = DaemonOptions()
    #expect(try options.configuration().resolver.dontQuery == IPNetwork.privateAndLoopback)
    options.dontQuery = ["none"]
    #expect(try options.configuration().resolver.dontQuery.isEmpty)
    options.dontQuery = ["198.51.100.0/24"]
    #expect(try options.configuration().resolver.dontQuery == [IPNetwork("198.51.100.0/24")!])
  }

  @Test("--root-hint names a single root server")
  func singleRoot() throws {
    var options = DaemonOptions()
    options.rootHint = "a.root.lab.=10.53.0.1,fd00::53"
    let hints = try options.configuration().resolver.rootHints
    let name = try DomainName("a.root.lab")
    #expect(hints.nameservers == [name])
    #expect(hints.addresses[name]?.count == 2)
  }

  @Test("Bad values are refused with the option's name")
  func refused() {
    for change in [
      { (options: inout DaemonOptions) in options.listen = ["not-an-address"] },
      { $0.allowFrom = ["10.0.0.0/33"] },
      { $0.threads = 0 },
      { $0.logLevel = "loud" },
      { $0.rootHint = "a.root.lab." },
      { $0.configurationFile = "/nonexistent/petrel.yml" },
    ] {
      var options = DaemonOptions()
      change(&options)
      #expect(throws: DaemonOptions.Failure.self) { try options.configuration() }
    }
  }
}
