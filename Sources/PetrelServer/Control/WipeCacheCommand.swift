import PetrelControl
import PetrelDNS

/// `wipe-cache NAME…`: removes names from the record, negative and packet caches; `NAME$` removes the name and
/// everything below it. All names are checked before anything is removed, so a typo wipes nothing.
enum WipeCacheCommand {
  static func run(_ context: DaemonControlContext, names: [String]) async -> ControlResponse {
    var targets: [(name: DomainName, subtree: Bool)] = []
    for argument in names {
      let subtree = argument.hasSuffix("$")
      let text = subtree ? String(argument.dropLast()) : argument
      do {
        targets.append((try DomainName(text.isEmpty ? "." : text), subtree))
      } catch {
        return .error("not a domain name: \(argument): \(error)")
      }
    }
    var records = 0
    var negative = 0
    var packet = 0
    let caches = context.caches
    for target in targets {
      if target.subtree {
        records += caches.records.removeSubtree(target.name)
        negative += caches.negative.removeSubtree(target.name)
      } else {
        records += caches.records.removeName(target.name)
        negative += caches.negative.removeName(target.name)
      }
      packet += await context.server.packetCache.wipe(name: target.name, subtree: target.subtree)
    }
    let total = records + negative + packet
    return .ok(
      "wiped \(total) entries (\(records) records, \(negative) negative, \(packet) packet) for \(targets.count) names",
      fields: [
        "entries": .count(total), "records": .count(records), "negative": .count(negative),
        "packet": .count(packet),
      ])
  }
}
