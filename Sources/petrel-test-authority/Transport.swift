/// The transport a query arrived on: responses differ (truncation, size limit) and the log names it.
enum Transport: String, Sendable {
  case udp
  case tcp
}
