import PetrelDNS

/// Matches the listeners a running daemon offers with the addresses the new daemon's configuration lists:
/// a takeover is also how a changed configuration takes effect without a lost query.
///
/// An offered address is kept when the configuration lists the same IP address (compared as addresses, not
/// as text) with the same port, or with port 0 (any port). A configured address nobody offered has to be
/// bound afresh; an offered one no longer configured is let go.
struct ListenerReconciliation {
  /// Offered listeners the new daemon serves, in the order offered.
  var kept: [BoundSockets.Address] = []
  /// Configured addresses the running daemon did not offer.
  var unoffered: [ListenAddress] = []
  /// Offered listeners no longer configured; their descriptors are to be closed.
  var dropped: [BoundSockets.Address] = []

  init(offered: [BoundSockets.Address], configured: [ListenAddress]) {
    var remaining = offered
    for address in configured {
      let wanted = IPAddress(address.host)
      let match = remaining.firstIndex { offer in
        IPAddress(offer.host) == wanted && (address.port == 0 || Int(offer.port) == address.port)
      }
      if let match {
        kept.append(remaining.remove(at: match))
      } else {
        unoffered.append(address)
      }
    }
    dropped = remaining
  }
}
