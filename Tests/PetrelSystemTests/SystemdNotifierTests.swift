import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct SystemdNotifierTests {
  @Test func sendsStatesToAPathSocket() throws {
    let path = "/tmp/\(uniqueName("notify"))"
    let listener = try boundDatagramSocket(path: path)
    defer { try? listener.close(); unlink(path) }
    let notifier = try SystemdNotifier(socket: path)
    #expect(notifier.address == .path(path))

    try notifier.ready(status: "serving on 127.0.0.1:53")
    try notifier.stopping()
    try notifier.mainPID(4242)
    try notifier.send([.reloading, .watchdog])

    let expected = [
      "READY=1\nSTATUS=serving on 127.0.0.1:53\n", "STOPPING=1\n", "MAINPID=4242\n", "RELOADING=1\nWATCHDOG=1\n",
    ]
    for line in expected {
      let message = try listener.receive(maxPayload: 4096, maxDescriptors: 4)
      #expect(String(decoding: message.payload, as: UTF8.self) == line)
      #expect(message.descriptors.isEmpty)
    }
  }

  @Test func storesDescriptorsThroughAnAbstractSocket() throws {
    let name = uniqueName("notify")
    let listener = try boundDatagramSocket(abstractName: name)
    defer { try? listener.close() }
    let notifier = try #require(try SystemdNotifier(environment: ["NOTIFY_SOCKET": "@\(name)"]))
    #expect(notifier.address == .abstract(name))
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }

    try notifier.storeDescriptors([pipe.writeEnd, pipe.readEnd], name: "dns-udp")
    let message = try listener.receive(maxPayload: 4096, maxDescriptors: 4)
    defer { closeAll(message.descriptors) }
    #expect(String(decoding: message.payload, as: UTF8.self) == "FDSTORE=1\nFDNAME=dns-udp\n")
    try #require(message.descriptors.count == 2)
    _ = try message.descriptors[0].writeAll(Array("stored".utf8))
    #expect(try readExactly(6, from: message.descriptors[1]) == Array("stored".utf8))
  }

  @Test func refusesValuesThatBreakTheProtocol() throws {
    let notifier = try SystemdNotifier(socket: "/nonexistent/petrel-notify")
    #expect(throws: SystemdNotifier.Failure.invalidNotification(.status("two\nlines"))) {
      try notifier.status("two\nlines")
    }
    #expect(throws: SystemdNotifier.Failure.invalidNotification(.descriptorName("a:b"))) {
      try notifier.storeDescriptors([], name: "a:b")
    }
    #expect(!SystemdNotification.descriptorName(String(repeating: "x", count: 256)).isValid)
    #expect(SystemdNotification.descriptorName(String(repeating: "x", count: 255)).isValid)
    #expect(!SystemdNotification.mainPID(0).isValid)
  }

  @Test func reportsAMissingListener() throws {
    let notifier = try SystemdNotifier(socket: "/nonexistent/\(uniqueName("notify"))")
    #expect(throws: SystemdNotifier.Failure.send(.system(.noSuchFileOrDirectory))) { try notifier.ready() }
  }

  @Test func acceptsOnlyPathsAndAbstractNames() throws {
    #expect(try SystemdNotifier(environment: [:]) == nil)
    #expect(try SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
    for unsupported in ["relative/path", "vsock:2:1234", "@", "/" + String(repeating: "x", count: 120)] {
      #expect(throws: SystemdNotifier.Failure.unsupportedAddress(unsupported)) {
        try SystemdNotifier(socket: unsupported)
      }
    }
  }
}
