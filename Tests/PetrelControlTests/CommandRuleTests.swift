import PetrelControl
import Testing

@Suite struct CommandRuleTests {
  @Test func simpleCommandsTakeNothing() throws {
    for command in [ControlCommand.ping, .version, .status, .reload, .quit, .quitNicely, .privileges] {
      #expect(throws: Never.self) { try ControlRequest(command).validate(attached: 0) }
      #expect(throws: ControlRequestError.unexpectedDescriptors(command: command, count: 1)) {
        try ControlRequest(command, descriptorCount: 1).validate(attached: 1)
      }
      #expect(throws: ControlRequestError.wrongArgumentCount(command: command, count: 1, usage: "")) {
        try ControlRequest(command, arguments: ["x"]).validate(attached: 0)
      }
      #expect(throws: ControlRequestError.unknownOption(command: command, name: "format")) {
        try ControlRequest(command, options: ["format": "json"]).validate(attached: 0)
      }
    }
  }

  @Test func outputCommandsTakeExactlyOneDescriptor() throws {
    for request in [
      ControlRequest(.dumpCache, descriptorCount: 1), ControlRequest(.dumpThrottled, descriptorCount: 1),
      ControlRequest(.trace, arguments: ["example.com"], descriptorCount: 1),
      ControlRequest(.traceQueries, arguments: ["^www"], descriptorCount: 1),
      ControlRequest(.loadCache, descriptorCount: 1),
    ] {
      #expect(throws: Never.self) { try request.validate(attached: 1) }
      var none = request
      none.descriptorCount = 0
      #expect(throws: ControlRequestError.missingDescriptor(command: request.command, use: request.descriptorUse)) {
        try none.validate(attached: 0)
      }
      var two = request
      two.descriptorCount = 2
      #expect(throws: ControlRequestError.tooManyDescriptors(command: request.command, count: 2)) {
        try two.validate(attached: 2)
      }
    }
    #expect(ControlRequest(.loadCache).descriptorUse == .input)
    #expect(ControlRequest(.dumpCache).descriptorUse == .output)
  }

  @Test func theDeclaredCountMustMatchWhatArrived() {
    #expect(throws: ControlRequestError.descriptorCountMismatch(declared: 0, attached: 1)) {
      try ControlRequest(.ping).validate(attached: 1)
    }
    #expect(throws: ControlRequestError.descriptorCountMismatch(declared: 1, attached: 0)) {
      try ControlRequest(.dumpCache, descriptorCount: 1).validate(attached: 0)
    }
  }

  @Test func optionValuesAreChecked() {
    #expect(throws: Never.self) {
      try ControlRequest(.stats, options: ["format": "prometheus"]).validate(attached: 0)
      try ControlRequest(.dumpCache, options: ["kind": "nameservers", "format": "json"], descriptorCount: 1)
        .validate(attached: 1)
    }
    #expect(
      throws: ControlRequestError.invalidOptionValue(
        command: .stats, name: "format", value: "xml", allowed: ["text", "prometheus", "json"])
    ) {
      try ControlRequest(.stats, options: ["format": "xml"]).validate(attached: 0)
    }
    #expect(throws: ControlRequestError.unknownOption(command: .dumpCache, name: "force")) {
      try ControlRequest(.dumpCache, options: ["force": "true"], descriptorCount: 1).validate(attached: 1)
    }
  }

  @Test func argumentCounts() {
    #expect(throws: ControlRequestError.wrongArgumentCount(command: .trace, count: 0, usage: "NAME [TYPE]")) {
      try ControlRequest(.trace, descriptorCount: 1).validate(attached: 1)
    }
    #expect(throws: Never.self) {
      try ControlRequest(.trace, arguments: ["example.com", "AAAA"], descriptorCount: 1).validate(attached: 1)
    }
    #expect(throws: ControlRequestError.wrongArgumentCount(command: .trace, count: 3, usage: "NAME [TYPE]")) {
      try ControlRequest(.trace, arguments: ["a", "b", "c"], descriptorCount: 1).validate(attached: 1)
    }
    #expect(throws: ControlRequestError.wrongArgumentCount(command: .wipeCache, count: 0, usage: "NAME...")) {
      try ControlRequest(.wipeCache).validate(attached: 0)
    }
    #expect(throws: Never.self) {
      try ControlRequest(.wipeCache, arguments: ["example.com$", "example.net"]).validate(attached: 0)
    }
    let tooMany = Array(repeating: "x.example", count: ControlCommand.maximumWipeNames + 1)
    #expect(throws: ControlRequestError.self) {
      try ControlRequest(.wipeCache, arguments: tooMany).validate(attached: 0)
    }
  }

  @Test func traceQueriesStopTakesNeitherRegexNorFile() {
    let stop = ControlRequest(.traceQueries, options: ["stop": "true"])
    #expect(stop.descriptorUse == ControlDescriptorUse.none)
    #expect(throws: Never.self) { try stop.validate(attached: 0) }
    #expect(throws: ControlRequestError.unexpectedDescriptors(command: .traceQueries, count: 1)) {
      try ControlRequest(.traceQueries, options: ["stop": "true"], descriptorCount: 1).validate(attached: 1)
    }
    #expect(throws: ControlRequestError.wrongArgumentCount(command: .traceQueries, count: 1, usage: "")) {
      try ControlRequest(.traceQueries, arguments: ["x"], options: ["stop": "true"]).validate(attached: 0)
    }
  }

  @Test func everyCommandHasAWireNameAndAShape() {
    #expect(ControlCommand.allCases.count == 14)
    #expect(Set(ControlCommand.allCases.map(\.rawValue)).count == 14)
    for command in ControlCommand.allCases {
      #expect(ControlCommand(rawValue: command.rawValue) == command)
      #expect(command.shape().arguments.lowerBound >= 0)
    }
  }
}
