import Glibc
import PetrelSystem
import Testing

/// The notification socket connected before the sandbox: the same datagrams reach a path socket and an
/// abstract one.
@Suite("Connected systemd notifier")
struct ConnectedNotifierTests {
  @Test("READY=1 with STATUS=, then STOPPING=1, arrive as one datagram each", arguments: ["path", "abstract"])
  func deliversEachNotification(kind: String) throws {
    let scratch = try Scratch("notifier")
    defer { scratch.remove() }
    let listener =
      kind == "path"
      ? try NotificationSocket(path: scratch.path("notify"))
      : try NotificationSocket(abstractName: "petrel-notifier-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    defer { listener.close() }
    let notifier = try ConnectedSystemdNotifier(connectingTo: SystemdNotifier(socket: listener.address))
    defer { notifier.close() }
    try notifier.ready(status: "serving on 127.0.0.1:53")
    #expect(listener.next() == ["READY=1", "STATUS=serving on 127.0.0.1:53"])
    try notifier.stopping()
    #expect(listener.next() == ["STOPPING=1"])
    #expect(throws: SystemdNotifier.Failure.invalidNotification(.status("two\nlines"))) {
      try notifier.send([.status("two\nlines")])
    }
  }

  @Test("connecting to a socket nobody bound fails at once, naming the address")
  func nothingListening() throws {
    let scratch = try Scratch("notifier-none")
    defer { scratch.remove() }
    let error = #expect(throws: ConnectedSystemdNotifier.ConnectFailure.self) {
      try ConnectedSystemdNotifier(connectingTo: SystemdNotifier(socket: scratch.path("absent")))
    }
    #expect(error?.error == .noSuchFileOrDirectory)
  }
}
