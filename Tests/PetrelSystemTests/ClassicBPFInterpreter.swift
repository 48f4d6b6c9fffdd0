import PetrelSystem

/// A tiny classic-BPF interpreter, enough for the instructions `SeccompPolicy` emits, so the filter's
/// decisions can be checked without installing it.
struct ClassicBPFInterpreter {
  enum Failure: Error, Equatable {
    case unknownInstruction(UInt16)
    case loadOutOfBounds(UInt32)
    case jumpOutOfProgram(Int)
    case fellOffTheEnd
  }

  let program: [SeccompInstruction]

  /// Runs the program over a `struct seccomp_data` built from these fields, returning the verdict.
  func run(systemCall: UInt32, architecture: UInt32, arguments: [UInt64] = []) throws -> UInt32 {
    var data = [UInt8](repeating: 0, count: Int(SeccompData.size))
    func store32(_ value: UInt32, at offset: Int) {
      for byte in 0..<4 { data[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(byte))) }
    }
    store32(systemCall, at: Int(SeccompData.numberOffset))
    store32(architecture, at: Int(SeccompData.architectureOffset))
    for (index, argument) in arguments.enumerated() {
      let offset = Int(SeccompData.argumentLowWordOffset(UInt32(index)))
      store32(UInt32(truncatingIfNeeded: argument), at: offset)
      store32(UInt32(truncatingIfNeeded: argument >> 32), at: offset + 4)
    }

    var accumulator: UInt32 = 0
    var counter = 0
    while counter < program.count {
      let instruction = program[counter]
      counter += 1
      func jump(_ condition: Bool) throws {
        counter += Int(condition ? instruction.jumpIfTrue : instruction.jumpIfFalse)
        guard counter < program.count else { throw Failure.jumpOutOfProgram(counter) }
      }
      switch instruction.code {
      case SeccompInstruction.loadWordCode:
        let offset = Int(instruction.operand)
        guard offset % 4 == 0, offset + 4 <= data.count else { throw Failure.loadOutOfBounds(instruction.operand) }
        accumulator = (0..<4).reduce(0) { $0 | UInt32(data[offset + $1]) << (8 * UInt32($1)) }
      case SeccompInstruction.jumpIfEqualCode: try jump(accumulator == instruction.operand)
      case SeccompInstruction.jumpIfGreaterOrEqualCode: try jump(accumulator >= instruction.operand)
      case SeccompInstruction.jumpIfAnyBitCode: try jump(accumulator & instruction.operand != 0)
      case SeccompInstruction.returnCode: return instruction.operand
      default: throw Failure.unknownInstruction(instruction.code)
      }
    }
    throw Failure.fellOffTheEnd
  }

  /// The verdict decoded, for readable expectations.
  func action(systemCall: UInt32, architecture: UInt32 = SeccompData.nativeArchitecture, arguments: [UInt64] = [])
    throws -> SeccompAction?
  {
    SeccompAction(returnValue: try run(systemCall: systemCall, architecture: architecture, arguments: arguments))
  }
}
