import Glibc
import Logging
import PetrelSystem
import SystemPackage

/// The running daemon's half of step one: describes every offered socket as its own kernel sees it, opens a
/// pidfd on itself, and seals a cache snapshot into a memory file.
struct TakeoverOfferBuilder {
  let source: TakeoverSource
  let hooks: TakeoverTestHooks
  let logger: Logger

  /// The offer and its attachments (the pidfd first, then the snapshot if there is one); the caller closes
  /// the attachments once they are sent.
  func build() throws(TakeoverFailure) -> (offer: TakeoverOffer, attachments: [FileDescriptor]) {
    var sockets: [TakeoverSocketDescription] = []
    for (role, number) in source.offeredDescriptors {
      do {
        let info = try FileDescriptor(rawValue: number).socketInfo()
        sockets.append(TakeoverSocketDescription(role: role, descriptor: number, info: info))
      } catch {
        throw .offer("cannot inspect descriptor \(number) (\(role.rawValue)): \(error)")
      }
    }
    if hooks.misdescribeSocket, let index = sockets.firstIndex(where: { $0.role != .control }) {
      sockets[index].port &+= 1
      logger.warning("test hook: offering \(sockets[index]) with a wrong port")
    }
    let pidfd: ProcessDescriptor
    do {
      pidfd = try ProcessDescriptor.current()
    } catch {
      throw .offer("pidfd_open on this process: \(error)")
    }
    var attachments = [pidfd.descriptor]
    var summary: TakeoverSnapshotSummary? = nil
    if let caches = source.caches {
      let snapshot = CacheSnapshot.take(from: caches, clock: source.clock)
      let bytes = snapshot.encoded()
      do {
        attachments.append(try SealedMemoryFile.create(name: "petrel-cache-snapshot", contents: bytes))
        summary = TakeoverSnapshotSummary(
          format: CacheSnapshotFormat.version, bytes: bytes.count, records: snapshot.records.count,
          denials: snapshot.denials.count)
      } catch {
        // The new daemon then starts cold; losing the cache loses no query.
        logger.warning("takeover: no cache snapshot offered: \(error)")
      }
    }
    let offer = TakeoverOffer(
      version: 1, pid: getpid(), sockets: sockets, snapshot: summary,
      readyTimeoutMilliseconds: Self.milliseconds(source.readyTimeout),
      drainTimeoutMilliseconds: Self.milliseconds(source.drainTimeout))
    return (offer, attachments)
  }

  static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
  }
}
